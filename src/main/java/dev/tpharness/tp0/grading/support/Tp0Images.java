package dev.tpharness.tp0.grading.support;

import dev.tpharness.grading.NotRunHere;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/**
 * The server and client images of a checkout, built from its own Dockerfiles with tags unique to
 * the content ({@code tph-tp0-server:<hash>}), once per run however many tests ask: the build is
 * keyed by the checkout's content hash. They carry the run's labels, so the run's shutdown hook
 * removes them; an image named {@code server:latest} on the machine is never touched.
 *
 * @param server tag of the server image
 * @param client tag of the client image
 */
public record Tp0Images(String server, String client) {

    /**
     * Configuration parameter (or system property): {@code true} makes every test build its own
     * images from scratch ({@code docker build --no-cache}) instead of sharing the run's. Only the
     * benchmark's "naive way" uses it; the default is {@code false}.
     */
    public static final String REBUILD_PER_TEST = "tp0.images.rebuildPerTest";

    /** Limit for one {@code docker build}; {@code -Dtp0.buildTimeout=PT20M} to change. */
    static final Duration BUILD_TIMEOUT = Duration.parse(System.getProperty("tp0.buildTimeout", "PT10M"));

    /** Configuration parameter (or system property): how long a missing base image may take to pull, ISO-8601. */
    public static final String PULL_TIMEOUT_PARAMETER = "tp0.pullTimeout";
    /** Default bound of pulling one missing base image (a machine without a registry hangs instead of failing). */
    public static final Duration PULL_TIMEOUT = Duration.ofMinutes(2);

    private static final Map<String, CompletableFuture<Tp0Images>> BUILDS = new ConcurrentHashMap<>();

    /**
     * Builds the images of this checkout from scratch ({@code --no-cache}), bypassing the run's
     * shared build; for {@link #REBUILD_PER_TEST} (the benchmark's naive way).
     */
    public static Tp0Images rebuild(Checkout checkout) {
        return build(checkout, true, PULL_TIMEOUT);
    }

    /** {@link #of(Checkout, Duration)} with the default pull bound. */
    public static Tp0Images of(Checkout checkout) {
        return of(checkout, PULL_TIMEOUT);
    }

    /**
     * Builds (or reuses) the images of this checkout; a failed build fails every caller with its
     * output. A base image that is neither here nor pullable within {@code pullTimeout}, or a build
     * step that cannot fetch what it needs, makes the callers' checks NOT RUN ({@link NotRunHere}).
     */
    public static Tp0Images of(Checkout checkout, Duration pullTimeout) {
        CompletableFuture<Tp0Images> build = start(checkout, pullTimeout);
        try {
            return build.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while building the images of " + checkout.exercise(), e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Builds run on threads of their own: {@code docker build} mostly waits, and a build must not wait for a test's thread. */
    private static final java.util.concurrent.ExecutorService BUILDERS = java.util.concurrent.Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tp0-image-build");
        t.setDaemon(true);
        return t;
    });

    /**
     * Starts building the images of this checkout in the background unless that build already
     * started (the grading extension calls it as soon as an exercise's files are extracted, so
     * checks that need no image run while it builds); {@link #of} waits for it.
     */
    public static CompletableFuture<Tp0Images> start(Checkout checkout, Duration pullTimeout) {
        return BUILDS.computeIfAbsent(checkout.contentHash(),
                hash -> CompletableFuture.supplyAsync(() -> build(checkout, false, pullTimeout), BUILDERS));
    }

    /** Image id of a tag (to prove that nothing was rebuilt). */
    public static String imageId(String tag) {
        CommandResult r = Command.of("docker", "image", "inspect", "-f", "{{.Id}}", tag).withTimeout(Duration.ofSeconds(30)).run();
        if (r.exitCode() != 0) {
            throw new AssertionError("no image " + tag + ": " + r.describe());
        }
        return r.stdout().strip();
    }

    private static Tp0Images build(Checkout checkout, boolean noCache, Duration pullTimeout) {
        Tp0Images images = new Tp0Images("tph-tp0-server:" + checkout.contentHash(), "tph-tp0-client:" + checkout.contentHash());
        buildOne(checkout, "server", images.server(), noCache, pullTimeout);
        buildOne(checkout, "client", images.client(), noCache, pullTimeout);
        return images;
    }

    private static void buildOne(Checkout checkout, String app, String tag, boolean noCache, Duration pullTimeout) {
        String dockerfile = app + "/Dockerfile";
        if (!java.nio.file.Files.isRegularFile(checkout.dir().resolve(dockerfile))) {
            throw new AssertionError(checkout.exercise() + " (" + checkout.source() + "): " + dockerfile
                    + " does not exist; the course layout needs it at the repository root");
        }
        for (String base : baseImages(checkout.dir().resolve(dockerfile))) {
            ensureBaseImage(base, dockerfile, pullTimeout);
        }
        // --force-rm: the classic builder keeps the container of a failed step otherwise
        List<String> argv = new ArrayList<>(List.of("docker", "build", "-q", "--force-rm", "-f", dockerfile, "-t", tag));
        if (noCache) {
            argv.add("--no-cache");
        }
        argv.addAll(HarnessLabels.dockerArgs("tp0-images"));
        argv.add(".");
        CommandResult r = Command.of(argv.toArray(String[]::new)).in(checkout.dir()).withTimeout(BUILD_TIMEOUT).run();
        if (r.exitCode() != 0 && !r.timedOut()) {
            java.util.Optional<String> fetch = OutsideCauses.unfetchable(r.stderr() + "\n" + r.stdout());
            if (fetch.isPresent()) {
                throw new NotRunHere("the " + app + " image (" + dockerfile + ") cannot be built here: a build step needs to fetch"
                        + " something this machine cannot reach (" + fetch.get() + ")",
                        "grade on a machine with access to the registry and package indexes the Dockerfile uses");
            }
        }
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new AssertionError("the " + app + " image of " + checkout.exercise() + " (" + checkout.source()
                    + ") does not build: " + r.describe());
        }
    }

    /**
     * The images a Dockerfile starts from ({@code FROM x [AS y]}), without its own stage names,
     * {@code scratch} and images named through build arguments (which cannot be known beforehand).
     */
    static List<String> baseImages(java.nio.file.Path dockerfile) {
        List<String> lines;
        try {
            lines = java.nio.file.Files.readAllLines(dockerfile);
        } catch (java.io.IOException e) {
            return List.of();
        }
        List<String> stages = new ArrayList<>();
        List<String> bases = new ArrayList<>();
        for (String line : lines) {
            String[] words = line.strip().split("\\s+");
            if (words.length < 2 || !words[0].equalsIgnoreCase("FROM")) {
                continue;
            }
            int i = 1;
            while (i < words.length && words[i].startsWith("--")) {
                i++; // --platform=...
            }
            if (i >= words.length) {
                continue;
            }
            String image = words[i];
            if (i + 2 < words.length && words[i + 1].equalsIgnoreCase("AS")) {
                stages.add(words[i + 2].toLowerCase(java.util.Locale.ROOT));
            }
            if (!image.equalsIgnoreCase("scratch") && !image.contains("$") && !stages.contains(image.toLowerCase(java.util.Locale.ROOT))
                    && !bases.contains(image)) {
                bases.add(image);
            }
        }
        return bases;
    }

    /** Present, or pulled within the bound; otherwise the check cannot run on this machine. */
    private static void ensureBaseImage(String image, String dockerfile, Duration pullTimeout) {
        ensureImage(image, dockerfile, pullTimeout);
    }

    /**
     * Makes sure {@code image} is on this machine: present, or pulled within {@code pullTimeout};
     * otherwise the caller's check cannot run here ({@link NotRunHere}, naming {@code neededBy}).
     */
    public static void ensureImage(String image, String neededBy, Duration pullTimeout) {
        if (Command.of("docker", "image", "inspect", image).withTimeout(Duration.ofSeconds(30)).run().exitCode() == 0) {
            return;
        }
        // one pull attempt per image and grading run: a registry that is not there will not be there a minute later
        String failure = UNPULLABLE.computeIfAbsent(image, i -> {
            CommandResult pull = Command.of("docker", "pull", "-q", i).withTimeout(pullTimeout).run();
            if (pull.exitCode() == 0 && !pull.timedOut()) {
                return "";
            }
            return pull.timedOut() ? "docker pull did not finish within " + pullTimeout.toSeconds() + " s" : pull.describe();
        });
        if (failure.isEmpty()) {
            UNPULLABLE.remove(image, failure);
            return;
        }
        throw new NotRunHere(neededBy + " needs the image " + image + ", which is not on this machine and cannot be pulled here ("
                + failure + ")", "docker pull " + image + " (or docker load it) on the grading machine, then grade again; -D"
                        + PULL_TIMEOUT_PARAMETER + " bounds the pull");
    }

    /** Images whose pull failed in this run, with why (an empty reason while a successful pull is being recorded). */
    private static final java.util.concurrent.ConcurrentMap<String, String> UNPULLABLE = new java.util.concurrent.ConcurrentHashMap<>();
}
