package dev.tpharness.tp0.grading.support;

import dev.tpharness.grading.NotRunHere;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.probe.ProbeOptions;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One test's private copy of the graded exercise: the place where config files may be rewritten
 * and compose files generated, the images of the exercise, and the stacks the test starts (taken
 * down after the test; their logs kept as evidence when it fails).
 */
public final class Tp0Workspace {

    /** Script runs (generator, validator) get this long unless {@value #SCRIPT_TIMEOUT_PARAMETER} says otherwise. */
    public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    /** Configuration parameter (or system property): the bound of a student script run, ISO-8601 (e.g. {@code PT30S}). */
    public static final String SCRIPT_TIMEOUT_PARAMETER = "tp0.scriptTimeout";

    /** Grace of the final teardown: checks of graceful stops stop services themselves, with their own grace. */
    static final Duration TEARDOWN_GRACE = Duration.ofSeconds(3);

    private final Checkout checkout;
    private final Path dir;
    private final List<ComposeStack> stacks = new ArrayList<>();
    private final Options options;
    private Tp0Images ownImages;
    /** The reused probe of each stack network ({@code project/network}); the stack removes it when it goes down. */
    private final Map<String, NetcatProbe> probes = new java.util.HashMap<>();

    /**
     * How a grading run treats its workspaces.
     *
     * @param scriptTimeout   bound of one run of a student script
     * @param rebuildImages   each test builds its own images ({@link Tp0Images#REBUILD_PER_TEST})
     * @param throwawayProbes {@link #echo} uses one probe container per message ({@link #PROBE_PER_MESSAGE})
     * @param pullTimeout     bound of pulling one missing base image
     * @param evidenceRoot    where failed checks leave the logs and state of their stacks
     */
    public record Options(Duration scriptTimeout, boolean rebuildImages, boolean throwawayProbes, Duration pullTimeout,
            Path evidenceRoot) {

        /** Scripts bounded by {@link #SCRIPT_TIMEOUT}, shared images, a reused probe, evidence under {@code target/tp-harness}. */
        public static Options defaults() {
            return new Options(SCRIPT_TIMEOUT, false, false, Tp0Images.PULL_TIMEOUT, Path.of("target/tp-harness"));
        }

        public Options withRebuildImages(boolean rebuild) {
            return new Options(scriptTimeout, rebuild, throwawayProbes, pullTimeout, evidenceRoot);
        }
    }

    /** A workspace with the {@linkplain Options#defaults() defaults}. */
    Tp0Workspace(Checkout checkout, Path dir) {
        this(checkout, dir, Options.defaults());
    }

    Tp0Workspace(Checkout checkout, Path dir, Options options) {
        this.checkout = checkout;
        this.dir = dir;
        this.options = options;
    }

    /** The bound of one run of a student script (the generator, the validator). */
    public Duration scriptTimeout() {
        return options.scriptTimeout();
    }

    /**
     * Configuration parameter (or system property): {@code true} makes {@link #echo} start a
     * throwaway probe container per message instead of reusing the stack's probe. Only the
     * benchmark's "naive way" uses it; the default is {@code false}.
     */
    public static final String PROBE_PER_MESSAGE = "tp0.probe.perMessage";

    public String exercise() {
        return checkout.exercise();
    }

    /** The folder of this test's copy (the graded repository's files). */
    public Path dir() {
        return dir;
    }

    public Checkout checkout() {
        return checkout;
    }

    /** The exercise's images (built once per run and content; once per test with {@link Tp0Images#REBUILD_PER_TEST}). */
    public synchronized Tp0Images images() {
        if (!options.rebuildImages()) {
            return Tp0Images.of(checkout, options.pullTimeout());
        }
        if (ownImages == null) {
            ownImages = Tp0Images.rebuild(checkout);
        }
        return ownImages;
    }

    /**
     * Sends the bytes to {@code host:port} from inside the stack's network: through the stack's
     * reused netcat probe, or (with {@link #PROBE_PER_MESSAGE}) a throwaway container per message.
     */
    public EchoExchange echo(ComposeStack stack, String network, String host, int port, byte[] payload) {
        if (options.throwawayProbes()) {
            return NetcatProbe.sendOnce(stack.network(network), host, port, payload, ProbeOptions.defaults());
        }
        NetcatProbe probe;
        synchronized (this) {
            probe = probes.computeIfAbsent(stack.project() + "/" + network, k -> stack.netcatProbe(network));
        }
        return probe.send(host, port, payload);
    }

    /**
     * Waits until the server accepts connections on {@code host:port} from inside the stack's
     * network (probed with a short line, as a client would), whatever its log level shows.
     *
     * @throws AssertionError when it does not within {@code bound}, with the last probe's outcome
     */
    public void awaitServer(ComposeStack stack, String network, String host, int port, Duration bound) {
        // nothing to await but the server accepting a connection: its log level may hide every line
        byte[] probe = "tp-harness readiness probe\n".getBytes(StandardCharsets.UTF_8);
        dev.tpharness.internal.Poll.until(host + ":" + port + " to accept a connection", bound, Duration.ofMillis(250),
                () -> echo(stack, network, host, port, probe),
                last -> switch (last.outcome()) {
                    case CONNECTION_REFUSED, UNKNOWN_HOST, CONNECT_TIMEOUT, PROBE_FAILED -> false;
                    default -> true;
                },
                last -> new AssertionError(host + ":" + port + " did not accept a connection within " + human(bound) + " of up: "
                        + last.summary()));
    }

    /**
     * Runs a command in the copy, with a timeout; never throws on a non-zero exit.
     *
     * @throws AssertionError naming the command and the bound when it did not finish in time (it
     *     and its child processes were killed)
     */
    public CommandResult run(Duration timeout, String... argv) {
        return run(timeout, System.getenv().getOrDefault("PATH", "/usr/bin:/bin"), argv);
    }

    private CommandResult run(Duration timeout, String path, String... argv) {
        CommandResult r = Command.of(argv).in(dir).withEnv("PATH", path).withTimeout(timeout).run();
        if (r.timedOut()) {
            throw new AssertionError("`" + String.join(" ", argv) + "` (" + exercise() + ") did not finish within "
                    + human(timeout) + " and was killed with its child processes; the bound is -D" + SCRIPT_TIMEOUT_PARAMETER
                    + " for scripts.\n  " + r.describe());
        }
        return r;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Runs the solution's own {@code generar-compose.sh} as graders do
     * ({@code bash generar-compose.sh docker-compose-dev.yaml N}) and reads what it wrote.
     *
     * @throws AssertionError when the script is missing, fails or writes nothing
     * @throws NotRunHere     when it fails because this host lacks a program it calls ({@code go}...)
     *                        or cannot fetch what it needs
     */
    public ComposeFile generate(int clients) {
        Path out = dir.resolve("docker-compose-dev.yaml");
        CommandResult r = runGenerator(out.getFileName().toString(), Integer.toString(clients));
        if (r.exitCode() != 0) {
            throw new AssertionError("bash generar-compose.sh docker-compose-dev.yaml " + clients + " failed: " + r.describe());
        }
        if (!Files.isRegularFile(out)) {
            throw new AssertionError("bash generar-compose.sh docker-compose-dev.yaml " + clients + " exited 0 but wrote no file");
        }
        return ComposeFile.read(out).withSource(out);
    }

    /**
     * {@code bash generar-compose.sh ARGS...} in the copy, bounded by {@link #scriptTimeout()}, with
     * the {@linkplain ScriptStandIns stand-ins} for {@code docker} and {@code sudo} first on its
     * PATH (a generator that makes the file with {@code sudo docker run python:3.12 ...} is graded as
     * where it runs); a non-zero exit is a result.
     *
     * @throws NotRunHere when it failed because this host lacks a program it calls, or when an image
     *                    it needs cannot be pulled here or a step of it could not fetch what it needs,
     *                    whatever exit code it then returned
     */
    public CommandResult runGenerator(String... args) {
        if (!Files.isRegularFile(dir.resolve("generar-compose.sh"))) {
            throw new AssertionError(exercise() + ": generar-compose.sh does not exist at the repository root (" + checkout.source() + ")");
        }
        List<String> argv = new ArrayList<>(List.of("bash", "generar-compose.sh"));
        argv.addAll(List.of(args));
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolveSibling(dir.getFileName() + "-generator-path"), false);
        List<String> pulled = new ArrayList<>();
        while (true) {
            standIns.reset();
            CommandResult r = run(options.scriptTimeout(), standIns.path(), argv.toArray(String[]::new));
            ScriptStandIns.rethrowIfAStepCouldNotFetch("generar-compose.sh", standIns.failedSteps());
            List<String> missing = standIns.pullMissing("generar-compose.sh (docker run, build or compose)", pulled, options.pullTimeout());
            if (missing.isEmpty()) {
                OutsideCauses.rethrowIfOutside("generar-compose.sh", r);
                return r;
            }
            pulled.addAll(missing);
        }
    }

    /** The file without its client services (and without what pointed at them): the server alone. */
    public static ComposeFile serverOnly(ComposeFile file) {
        ComposeFile copy = file.copy();
        ObjectNode services = (ObjectNode) copy.root().get("services");
        for (String name : copy.serviceNames()) {
            if (name.matches("client\\d+")) {
                services.remove(name);
            }
        }
        return copy;
    }

    /**
     * The file with the solution's images replaced by the images built for this run
     * ({@code server:latest} -> {@link Tp0Images#server()}, {@code client:latest} -> ...), and
     * {@code environment} added to every client service (tests use it for loop settings; it is
     * never used where the exercise checks that config files take effect).
     */
    public ComposeFile runnable(ComposeFile file, Map<String, String> clientEnvironment) {
        Tp0Images images = images();
        ComposeFile copy = file.copy();
        for (String name : copy.serviceNames()) {
            ObjectNode service = copy.service(name);
            String image = service.path("image").asString("");
            String base = image.replaceFirst(":latest$", "");
            boolean isServer = base.equals("server") || (image.isEmpty() && name.equals("server"));
            boolean isClient = base.equals("client") || (image.isEmpty() && name.matches("client\\d+"));
            if (isServer || isClient) {
                service.put("image", isServer ? images.server() : images.client());
                service.remove("build");
                service.put("pull_policy", "never");
            }
            if (isClient && !clientEnvironment.isEmpty()) {
                addEnvironment(service, clientEnvironment);
            }
        }
        return copy;
    }

    /** An isolated stack of this file, taken down after the test. */
    public ComposeStack isolatedStack(ComposeFile file) {
        return track(ComposeStack.isolated(file).stopTimeout(TEARDOWN_GRACE).build());
    }

    /** A course-faithful stack (project tp0, names as written; one at a time), taken down after the test. */
    public ComposeStack faithfulStack(ComposeFile file) {
        return track(ComposeStack.courseFaithful(file).stopTimeout(TEARDOWN_GRACE).exclusiveWait(Duration.ofMinutes(10)).build());
    }

    /**
     * Brings up a course-faithful stack of this file; when a container or network that the harness
     * did not create holds one of its fixed names ({@code server}, {@code tp0_testing_net}...), the
     * check cannot run here: that is outside the solution, so NOT RUN, naming the holder.
     */
    public ComposeStack upFaithful(ComposeFile file) {
        ComposeStack stack = faithfulStack(file);
        try {
            return stack.up();
        } catch (dev.tpharness.compose.FixedNamesTakenException e) {
            String holders = String.join("; ", e.getMessage().lines().map(String::strip).filter(l -> l.contains("held by")).toList());
            throw new NotRunHere("the course's fixed names are held on this Docker engine by something tp-harness did not create ("
                    + (holders.isEmpty() ? e.getMessage() : holders) + ")",
                    "free the names (docker rm -f <container> / docker network rm <network> of what is yours) or grade on an engine without them");
        }
    }

    private synchronized ComposeStack track(ComposeStack stack) {
        stacks.add(stack);
        return stack;
    }

    synchronized List<ComposeStack> stacks() {
        return List.copyOf(stacks);
    }

    /**
     * {@code SERVER_PORT} of the copy's {@code server/config.ini}, or the contract's 12345 when the
     * file or the key is absent.
     *
     * @throws AssertionError naming the file, the line and the value when the file is not text or
     *     the port is not a number from 1 to 65535
     */
    public int serverPort() {
        Path ini = dir.resolve("server/config.ini");
        List<String> lines;
        try {
            lines = Files.readAllLines(ini, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException | java.io.UncheckedIOException e) {
            throw new AssertionError(exercise() + ": server/config.ini (" + checkout.source() + ") is not UTF-8 text: " + e);
        } catch (IOException e) {
            return 12345; // no config file: the contract's port
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] kv = lines.get(i).split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("SERVER_PORT")) {
                String value = kv[1].strip();
                try {
                    int port = Integer.parseInt(value);
                    if (port >= 1 && port <= 65535) {
                        return port;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new AssertionError(exercise() + ": server/config.ini line " + (i + 1) + " (" + checkout.source()
                        + "): SERVER_PORT = '" + value + "' is not a port number (1-65535)");
            }
        }
        return 12345;
    }

    /**
     * Sets keys of {@code server/config.ini} the way graders do ({@code KEY = value} lines): a key
     * already in the file is rewritten in place, a missing one is added to its {@code [DEFAULT]}
     * section (created if needed); every other line is kept.
     */
    public void editServerConfig(Map<String, String> values) {
        Path ini = dir.resolve("server/config.ini");
        List<String> lines = new ArrayList<>();
        try {
            if (Files.isRegularFile(ini)) {
                lines.addAll(Files.readAllLines(ini, StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + ini, e);
        }
        Map<String, String> missing = new java.util.LinkedHashMap<>(values);
        for (int i = 0; i < lines.size(); i++) {
            String[] kv = lines.get(i).split("[=:]", 2);
            String key = kv[0].strip();
            if (kv.length == 2 && missing.containsKey(key.toUpperCase(java.util.Locale.ROOT))) {
                String k = key.toUpperCase(java.util.Locale.ROOT);
                lines.set(i, key + " = " + missing.remove(k));
            }
        }
        if (!missing.isEmpty()) {
            int at = -1;
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().equalsIgnoreCase("[DEFAULT]")) {
                    at = i + 1;
                }
            }
            if (at < 0) {
                lines.add(0, "[DEFAULT]");
                at = 1;
            }
            for (Map.Entry<String, String> e : missing.entrySet()) {
                lines.add(at++, e.getKey() + " = " + e.getValue());
            }
        }
        write("server/config.ini", String.join("\n", lines));
    }

    /**
     * Sets keys of {@code client/config.yaml} given by dotted paths ({@code loop.amount},
     * {@code loop.period}), keeping every other key of the solution's file; a file that is missing
     * or not a YAML mapping is replaced by one with the contract's keys.
     */
    public void editClientConfig(Map<String, Object> values) {
        Path yaml = dir.resolve("client/config.yaml");
        ObjectNode root;
        try {
            JsonNode read = Files.isRegularFile(yaml) ? YAML.readTree(Files.readString(yaml, StandardCharsets.UTF_8)) : null;
            root = read instanceof ObjectNode o ? o : null;
        } catch (IOException | RuntimeException e) {
            root = null;
        }
        if (root == null) {
            root = YAML.createObjectNode();
            root.putObject("server").put("address", "server:" + serverPort());
            root.putObject("loop").put("amount", 5).put("period", "5s");
            root.putObject("log").put("level", "INFO");
        }
        for (Map.Entry<String, Object> e : values.entrySet()) {
            String[] path = e.getKey().split("\\.");
            ObjectNode at = root;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode next = at.get(path[i]);
                at = next instanceof ObjectNode o ? o : at.putObject(path[i]);
            }
            Object v = e.getValue();
            if (v instanceof Integer n) {
                at.put(path[path.length - 1], n);
            } else {
                at.put(path[path.length - 1], String.valueOf(v));
            }
        }
        write("client/config.yaml", YAML.writeValueAsString(root));
    }

    /** How a run of the solution's validator went. */
    public record ValidatorRun(String stdout, String stderr, int exitCode, Duration duration, boolean timedOut,
            List<String> hostNetcatCalls, int containerRuns, Duration containerCost, List<String> failedSteps) {

        /**
         * What the validator's own containers may have cost on this machine at the time of the run:
         * its {@code docker run}/{@code create} calls times what one throwaway container cost the
         * grader while it ran or just after it, whichever was more (zero for a run within
         * {@link #QUICK_VERDICT}, which needs none). Time beyond this is the validator's own
         * (waits, retries, timeouts).
         */
        public Duration containerAllowance() {
            return containerCost.multipliedBy(containerRuns);
        }

        /** The lines of stdout that carry a status, {@code action: test_echo_server | result: ...}. */
        public List<String> statusLines() {
            return stdout.lines().filter(l -> l.contains("action: test_echo_server")).toList();
        }

        public boolean saysSuccess() {
            return saysSuccess(stdout);
        }

        static boolean saysSuccess(String stdout) {
            return stdout.lines().anyMatch(l -> l.contains("action: test_echo_server | result: success"));
        }

        public boolean saysFail() {
            return stdout.lines().anyMatch(l -> l.contains("action: test_echo_server | result: fail"));
        }

        public String describe() {
            String out = stdout.strip().isEmpty() ? "(nothing)" : stdout.strip().replace("\n", "\n    ");
            String err = stderr.strip();
            return "`sh validar-echo-server.sh` -> " + (timedOut ? "killed after " + VALIDATOR_BOUND.toSeconds() + " s" : "exit " + exitCode)
                    + " in " + String.format(java.util.Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0) + "; stdout:\n    " + out
                    + (err.isEmpty() ? "" : "\n  stderr (tail): " + tail(err))
                    + (hostNetcatCalls.isEmpty() ? "" : "\n  it called netcat ON THE HOST: " + hostNetcatCalls)
                    + (failedSteps.isEmpty() ? "" : "\n  a step of its own failed: " + String.join("\n    ", failedSteps));
        }

        private static String tail(String s) {
            List<String> lines = s.lines().toList();
            return String.join("\n    ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        }
    }

    /** The course's bound of one validator run. */
    public static final Duration VALIDATOR_BOUND = Duration.ofSeconds(60);

    /**
     * The advice's bound of a validator's verdict; only a run longer than this gets an allowance
     * for its containers ({@link ValidatorRun#containerAllowance()}), and only then is the cost of
     * a container on this machine sampled.
     */
    public static final Duration QUICK_VERDICT = Duration.ofSeconds(10);

    /**
     * Runs {@code sh validar-echo-server.sh} in the copy as the course does, bounded by
     * {@link #VALIDATOR_BOUND}, with the {@linkplain ScriptStandIns stand-ins} first on its PATH:
     * {@code nc} and {@code netcat} fail loudly and record the call (the validator must not need
     * netcat on the host); {@code docker} never lets a pull hang: an image the validator runs or
     * builds from that is not on this machine is pulled here, within the pull bound and outside the
     * validator's timed run, and the validator runs again; {@code sudo} runs its command as the
     * grader. One image that cannot be pulled here, or a build, pull or compose step of the
     * validator that failed for this machine's reasons (no registry or package index) while the
     * validator reached no success, makes the caller's check NOT RUN ({@link NotRunHere}) instead of
     * a run that looks like the solution's failure. A step that failed for the repository's own
     * reasons is named in {@link ValidatorRun#describe()}.
     */
    public ValidatorRun runValidator() {
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolveSibling(dir.getFileName() + "-no-netcat"), true);
        List<String> pulled = new ArrayList<>();
        while (true) {
            standIns.reset();
            // the load is sampled while a slow validator runs and right after it (a loaded machine's
            // container times swing by seconds from one moment to the next); a run that ends within
            // QUICK_VERDICT needs no allowance, and its sample never starts
            java.util.concurrent.CompletableFuture<Duration> during = java.util.concurrent.CompletableFuture.supplyAsync(
                    Tp0Workspace::containerCost, java.util.concurrent.CompletableFuture.delayedExecutor(
                            QUICK_VERDICT.minusSeconds(1).toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS, task -> {
                                Thread t = new Thread(task, "tp0-load-measure");
                                t.setDaemon(true);
                                t.start();
                            }));
            CommandResult r = Command.of("sh", "validar-echo-server.sh").in(dir).withEnv("PATH", standIns.path()).withTimeout(VALIDATOR_BOUND)
                    .run();
            boolean slow = r.timedOut() || r.duration().compareTo(QUICK_VERDICT) > 0;
            Duration costDuring = Duration.ZERO;
            if (slow) {
                costDuring = during.join();
            } else {
                during.cancel(false);
            }
            List<ScriptStandIns.FailedStep> steps = standIns.failedSteps();
            // a step that could not fetch (its build or pull) explains what the validator then did,
            // unless it still reached a success
            if (!ValidatorRun.saysSuccess(r.stdout())) {
                ScriptStandIns.rethrowIfAStepCouldNotFetch("validar-echo-server.sh", steps);
            }
            List<String> missing = standIns.pullMissing("validar-echo-server.sh (docker run, build or compose)", pulled, options.pullTimeout());
            if (missing.isEmpty()) {
                int containers = standIns.containerRuns();
                Duration cost = containers == 0 || !slow ? Duration.ZERO : java.util.Collections.max(List.of(costDuring, containerCost()));
                return new ValidatorRun(r.stdout(), r.stderr(), r.exitCode(), r.duration(), r.timedOut(), standIns.hostNetcatCalls(),
                        containers, cost, steps.stream().map(ScriptStandIns.FailedStep::describe).toList());
            }
            pulled.addAll(missing);
        }
    }

    /**
     * What one throwaway container costs on this machine now, start to removal ({@code docker run
     * --rm} of the Alpine image with {@code true}), the measure of load that a validator's
     * {@code docker run} is allowed on top of its own time.
     */
    private static Duration containerCost() {
        List<String> run = new ArrayList<>(List.of("docker", "run", "--rm", "--pull=never"));
        run.addAll(dev.tpharness.compose.HarnessLabels.dockerArgs("load-measure"));
        run.addAll(List.of("--entrypoint", "true", ProbeOptions.DEFAULT_IMAGE));
        CommandResult r = Command.of(run.toArray(String[]::new)).withTimeout(VALIDATOR_BOUND).run();
        return r.exitCode() == 0 ? r.duration() : Duration.ZERO;
    }

    private static final Map<String, java.util.concurrent.CompletableFuture<Object>> SHARED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The result of a scenario that several checks judge, run once per graded exercise: the first
     * caller runs {@code scenario} in a workspace of its own (its stacks taken down at the end, their
     * evidence kept when it fails), the others wait for the same result or the same failure.
     *
     * @param key names the scenario within the exercise, e.g. {@code validator-healthy-mock}
     */
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, java.util.function.Function<Tp0Workspace, T> scenario) {
        var mine = new java.util.concurrent.CompletableFuture<Object>();
        var existing = SHARED.putIfAbsent(checkout.dir() + "#" + key, mine);
        if (existing == null) {
            Tp0Workspace own = new Tp0Workspace(checkout, checkout.copyTo(dir.resolveSibling("shared-" + key)), options);
            try {
                mine.complete(scenario.apply(own));
            } catch (RuntimeException | AssertionError e) {
                mine.completeExceptionally(own.withEvidence(key, e));
            } finally {
                own.stacks().forEach(ComposeStack::close);
            }
            existing = mine;
        }
        try {
            return (T) existing.join();
        } catch (java.util.concurrent.CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof NotRunHere n) {
                throw n.copy();
            }
            if (cause instanceof AssertionError a) {
                throw dev.tpharness.internal.Failures.inMessage(a, "");
            }
            IllegalStateException again = new IllegalStateException(cause.getMessage(), cause.getCause()); // the message once
            again.setStackTrace(cause.getStackTrace());
            throw again;
        }
    }

    /** The evidence of a failed shared scenario, unless the scenario could not run here (then there is nothing to look at). */
    private Throwable withEvidence(String key, Throwable failure) {
        if (stacks().isEmpty() || failure instanceof NotRunHere) {
            return failure;
        }
        // several targets may be graded in one run: the content hash keeps their scenarios apart
        return withEvidence(evidenceRoot().resolve(exercise()).resolve("scenario-" + key + "-" + checkout.contentHash()), failure);
    }

    /** Where failed checks leave their evidence. */
    Path evidenceRoot() {
        return options.evidenceRoot();
    }

    /**
     * Writes the logs and state of this workspace's stacks to {@code evidence} and returns the
     * failure with a note saying where: an {@link AssertionError} keeps its message and stack
     * trace with the note appended, anything else gets the note as a suppressed exception.
     */
    Throwable withEvidence(Path evidence, Throwable failure) {
        for (ComposeStack stack : stacks()) {
            try {
                stack.writeEvidence(evidence.resolve(stack.project()));
            } catch (RuntimeException e) {
                failure.addSuppressed(e);
            }
        }
        String note = "evidence (logs and state of every service): " + evidence.toAbsolutePath();
        if (failure instanceof AssertionError ae) {
            return dev.tpharness.internal.Failures.inMessage(ae, "\n" + note);
        }
        failure.addSuppressed(new dev.tpharness.internal.Failures.Note(note));
        return failure;
    }

    /** Writes {@code server/config.ini} the way graders do: {@code KEY = value} lines, no final newline. */
    public void writeServerConfig(Map<String, String> values) {
        StringBuilder ini = new StringBuilder("[DEFAULT]");
        values.forEach((k, v) -> ini.append('\n').append(k).append(" = ").append(v));
        write("server/config.ini", ini.toString());
    }

    /** Writes {@code client/config.yaml}. */
    public void writeClientConfig(String address, int amount, String period, String logLevel) {
        write("client/config.yaml", "server:\n  address: \"" + address + "\"\nloop:\n  amount: " + amount
                + "\n  period: \"" + period + "\"\nlog:\n  level: \"" + logLevel + "\"\n");
    }

    public void write(String relativePath, String content) {
        try {
            Path f = dir.resolve(relativePath);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final tools.jackson.dataformat.yaml.YAMLMapper YAML = tools.jackson.dataformat.yaml.YAMLMapper.builder()
            .disable(tools.jackson.dataformat.yaml.YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.MINIMIZE_QUOTES)
            .enable(tools.jackson.dataformat.yaml.YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private static void addEnvironment(ObjectNode service, Map<String, String> env) {
        JsonNode existing = service.get("environment");
        if (existing != null && existing.isArray()) {
            var list = (tools.jackson.databind.node.ArrayNode) existing;
            env.forEach((k, v) -> list.add(k + "=" + v));
        } else if (existing != null && existing.isObject()) {
            env.forEach(((ObjectNode) existing)::put);
        } else {
            var list = service.putArray("environment");
            env.forEach((k, v) -> list.add(k + "=" + v));
        }
    }
}
