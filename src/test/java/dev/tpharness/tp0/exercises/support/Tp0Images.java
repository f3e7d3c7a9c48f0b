package dev.tpharness.tp0.exercises.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;

import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.testsupport.Command;
import dev.tpharness.testsupport.CommandResult;

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

    private static final Map<String, CompletableFuture<Tp0Images>> BUILDS = new ConcurrentHashMap<>();

    /**
     * Builds the images of this checkout from scratch ({@code --no-cache}), bypassing the run's
     * shared build; for {@link #REBUILD_PER_TEST} (the benchmark's naive way).
     */
    public static Tp0Images rebuild(Checkout checkout) {
        return build(checkout, true);
    }

    /** Builds (or reuses) the images of this checkout; a failed build fails every caller with its output. */
    public static Tp0Images of(Checkout checkout) {
        CompletableFuture<Tp0Images> build = BUILDS.computeIfAbsent(checkout.contentHash(),
                hash -> CompletableFuture.supplyAsync(() -> build(checkout, false)));
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

    /** Image id of a tag (to prove that nothing was rebuilt). */
    public static String imageId(String tag) {
        CommandResult r = Command.of("docker", "image", "inspect", "-f", "{{.Id}}", tag).withTimeout(Duration.ofSeconds(30)).run();
        if (r.exitCode() != 0) {
            throw new AssertionError("no image " + tag + ": " + r.describe());
        }
        return r.stdout().strip();
    }

    private static Tp0Images build(Checkout checkout, boolean noCache) {
        Tp0Images images = new Tp0Images("tph-tp0-server:" + checkout.contentHash(), "tph-tp0-client:" + checkout.contentHash());
        buildOne(checkout, "server", images.server(), noCache);
        buildOne(checkout, "client", images.client(), noCache);
        return images;
    }

    private static void buildOne(Checkout checkout, String app, String tag, boolean noCache) {
        String dockerfile = app + "/Dockerfile";
        if (!java.nio.file.Files.isRegularFile(checkout.dir().resolve(dockerfile))) {
            throw new AssertionError(checkout.exercise() + " (" + checkout.source() + "): " + dockerfile
                    + " does not exist; the course layout needs it at the repository root");
        }
        List<String> argv = new ArrayList<>(List.of("docker", "build", "-q", "-f", dockerfile, "-t", tag));
        if (noCache) {
            argv.add("--no-cache");
        }
        argv.addAll(HarnessLabels.dockerArgs("tp0-images"));
        argv.add(".");
        CommandResult r = Command.of(argv.toArray(String[]::new)).in(checkout.dir()).withTimeout(BUILD_TIMEOUT).run();
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new AssertionError("the " + app + " image of " + checkout.exercise() + " (" + checkout.source()
                    + ") does not build: " + r.describe());
        }
    }
}
