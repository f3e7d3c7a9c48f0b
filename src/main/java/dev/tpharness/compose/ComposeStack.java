package dev.tpharness.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.internal.Poll;
import dev.tpharness.logs.LogStream;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.probe.ProbeOptions;
import dev.tpharness.shutdown.StopObservation;

/**
 * A compose stack this JVM runs: {@code up}, look inside, stop it with a timeout, read how every
 * container ended, and take it {@code down}. Container state, exit codes and logs come from the
 * Docker API, not from parsing CLI output.
 *
 * <pre>{@code
 * try (ComposeStack stack = ComposeStack.isolated(ComposeFile.read(Path.of("docker-compose-dev.yaml"))).build()) {
 *     stack.up();
 *     String net = stack.network("testing_net");            // e.g. tph-3f9a1c0d2e4b-n1
 *     List<StopObservation> stops = stack.down(Duration.ofSeconds(15));
 *     stops.forEach(s -> System.out.println(s.container() + " exited " + s.exitCode().orElse(null)
 *             + " after " + s.timeToStop().orElse(null)));
 * }
 * }</pre>
 *
 * <p>Two flavours:
 * <ul>
 *   <li>{@link #isolated(ComposeFile)}: project {@code tph-<random>}, the file rewritten by
 *       {@link ComposeFile#isolated(Map)}; any number run side by side, nothing global is waited for.
 *   <li>{@link #courseFaithful(ComposeFile)}: names as written (project {@code tp0} unless set),
 *       for scripts that hard-code {@code tp0_testing_net} or {@code server}; two stacks with
 *       the same project never run at once in this JVM ({@link #up()} waits for the other to close).
 * </ul>
 *
 * <p>Every container, network, volume and built image carries the labels {@code dev.tpharness=true},
 * {@code dev.tpharness.run}, {@code dev.tpharness.project} and {@code dev.tpharness.started}.
 * Thread-safe: the methods may be called from several threads; {@link #close()} is idempotent.
 */
public final class ComposeStack implements AutoCloseable {

    /** Default grace period of {@link #close()}: what {@code docker compose down -t} gets. */
    public static final Duration DEFAULT_STOP_TIMEOUT = Duration.ofSeconds(10);
    /** Default limit for {@code up} (image builds included). */
    public static final Duration DEFAULT_UP_TIMEOUT = Duration.ofMinutes(5);
    /** Default limit for every other compose command, on top of any grace period it is given. */
    public static final Duration DEFAULT_COMMAND_TIMEOUT = Duration.ofMinutes(1);


    private static final Pattern SIGNAL = Pattern.compile("(SIG)?[A-Z0-9+-]+|[0-9]+");

    private enum State { NEW, UP, DOWN }

    private final ComposeFile original;
    private final ComposeFile file;
    private final String project;
    private final boolean isolated;
    private final StackSettings settings;
    private final StackInspection inspection;
    private final Instant created = Instant.now();
    private final Object lifecycle = new Object();
    private ComposeCli cli;
    private Path writtenFile;
    private volatile State state = State.NEW;
    /** What the last {@link #down(Duration)} observed: the evidence once the containers are gone. */
    private volatile List<StopObservation> downObservations;
    /** Log follows and probes tied to this stack: closed (newest first) before it is taken down. */
    private final java.util.Deque<AutoCloseable> attachments = new java.util.concurrent.ConcurrentLinkedDeque<>();

    private ComposeStack(ComposeFile original, String project, boolean isolated, StackSettings settings) {
        this.original = original;
        this.project = project;
        this.isolated = isolated;
        this.settings = settings;
        this.inspection = new StackInspection(project, settings);
        Map<String, String> labels = HarnessRun.labels(project, created);
        this.file = isolated ? original.isolated(labels, settings.limits()) : original.labelled(labels, settings.limits());
    }

    /**
     * A stack that can run next to any other copy of the same file: project {@code tph-<random>},
     * no fixed container names, subnets or host ports.
     */
    public static Builder isolated(ComposeFile file) {
        return new Builder(file, true);
    }

    /**
     * A stack with every name as written; project {@code tp0} unless {@link Builder#project(String)}
     * says otherwise. Exclusive per project name within the JVM.
     */
    public static Builder courseFaithful(ComposeFile file) {
        return new Builder(file, false);
    }

    /** The compose project name ({@code -p}). */
    public String project() {
        return project;
    }

    /** Whether this stack was made with {@link #isolated(ComposeFile)}. */
    public boolean isIsolated() {
        return isolated;
    }

    /** Service names in file order. */
    public List<String> services() {
        return file.serviceNames();
    }

    /** The compose file as it is (or will be) passed to compose: rewritten and labelled. A copy. */
    public ComposeFile composeFile() {
        return file.copy();
    }

    /** Creates and starts every service ({@code up -d}), building images only where none exists. */
    public ComposeStack up() {
        return up(false);
    }

    /**
     * Creates and starts every service ({@code up -d}); with {@code build} true, images are rebuilt
     * first ({@code --build}). When {@code up} fails, whatever it had started is taken down at once
     * (the stack is then down: {@link #close()} does nothing) and the failure of {@code up} is
     * thrown, with a failure of that cleanup, if any, attached as suppressed.
     *
     * @throws ComposeCommandException naming the command, exit code and output tail when compose fails
     */
    public ComposeStack up(boolean build) {
        synchronized (lifecycle) {
            if (state == State.UP) {
                throw new IllegalStateException("stack " + project + " is already up");
            }
            StackStartup.beforeUp(file, project, isolated, settings, describe());
            state = State.UP;
            HarnessRun.register(this);
            List<String> args = new ArrayList<>(List.of("up", "-d"));
            if (build) {
                args.add("--build");
            }
            try {
                if (isolated) {
                    compose(settings.upTimeout(), args);
                } else {
                    StackStartup.upWaitingForFixedSubnets(file, settings, this::composeQuietly, args);
                }
            } catch (RuntimeException | Error e) {
                // what compose started is taken down now; the failure of `up` is the one that explains, so a
                // failing cleanup rides along as suppressed instead of replacing it
                try {
                    takeDown(settings.stopTimeout());
                } catch (RuntimeException cleanup) {
                    e.addSuppressed(cleanup);
                }
                throw e;
            }
            return this;
        }
    }

    /** Ids of the service's containers (running or not), by replica number. */
    public List<String> containerIds(String service) {
        requireService(service);
        return inspection.containerIds(service);
    }

    /** The service's containers as Docker sees them now. */
    public List<ContainerState> states(String service) {
        requireService(service);
        return inspection.states(service);
    }

    /**
     * Waits (short polls, bounded) until every container of the service has exited, and returns
     * their states.
     *
     * @throws AssertionError naming the service, the bound and the states seen when one still runs
     */
    public List<ContainerState> awaitExit(String service, Duration timeout) {
        requireService(service);
        Objects.requireNonNull(timeout, "timeout");
        return Poll.until("service " + service + " to exit", timeout, Duration.ofMillis(100), () -> states(service),
                states -> !states.isEmpty() && states.stream().noneMatch(ContainerState::isRunning),
                states -> new AssertionError("service " + service + " of stack " + project + " did not exit within " + timeout
                        + ": " + states));
    }

    /**
     * The host address a published container port is reachable at, as {@code docker compose port}
     * prints it (e.g. {@code 0.0.0.0:49153}); fits {@code HttpProbe.forService(service, port, stack::port)}.
     *
     * @throws IllegalArgumentException when the service does not publish that port; the message says how to publish it
     * @throws ComposeCommandException when compose fails otherwise (or times out)
     */
    public String port(String service, int containerPort) {
        requireService(service);
        List<String> args = List.of("port", service, Integer.toString(containerPort));
        ComposeCli.Result r = cli().runAllowingFailure(project, List.of(composeFilePath()), projectDirectory(), settings.commandTimeout(), args);
        String out = r.stdout().strip();
        boolean unpublished = r.exitCode() != 0 ? r.stderr().contains("no port") : out.isEmpty() || out.endsWith(":0");
        if (unpublished) {
            throw new IllegalArgumentException("service '" + service + "' of stack " + project + " does not publish container port "
                    + containerPort + " (`docker compose port " + service + " " + containerPort + "` "
                    + (r.exitCode() != 0 ? "said: " + r.stderr().strip() : "printed '" + out + "'") + "). To fix, publish it in the"
                    + " compose file, e.g. `ports: [\"" + containerPort + "\"]` under the service (any free host port is chosen);"
                    + " a probe from inside the stack's network needs no published port (netcatProbe).");
        }
        if (r.exitCode() != 0) {
            throw new ComposeCommandException(r.command(), r.exitCode(), null, r.stdout(), r.stderr(), null);
        }
        return out;
    }

    /**
     * The Docker name of a network given its compose name, e.g. {@code testing_net} ->
     * {@code tph-3f9a1c0d2e4b-n1} (isolated: neutral names) or {@code tp0_testing_net} (course-faithful).
     *
     * @throws IllegalArgumentException when the stack has no such network (up yet)
     */
    public String network(String composeName) {
        return inspection.network(composeName).orElseThrow(() -> new IllegalArgumentException("stack " + project
                + " has no network '" + composeName + "' (networks in the file: " + file.networkNames()
                + "; the implicit one of services that name none is 'default'; is the stack up?)"));
    }

    /**
     * Stops one service's containers (as {@code compose stop -t}: SIGTERM, SIGKILL after the grace;
     * through the Docker API, all at once) and reports how each ended. A line counts as logged
     * after the signal from the moment its container's stop request was sent.
     *
     * @param grace time each container gets between SIGTERM and SIGKILL (whole seconds, rounded up)
     */
    public List<StopObservation> stop(String service, Duration grace) {
        requireService(service);
        Objects.requireNonNull(grace, "grace");
        List<String> ids = containerIds(service);
        Instant requested = Instant.now();
        // through the Docker API, so that the signal's time is known to the millisecond
        java.util.Map<String, Instant> signals = inspection.stopAll(ids, grace, settings.commandTimeout().plus(grace));
        return inspection.observe(ids, effectiveGrace(grace), signals, requested);
    }

    /**
     * Stops one service's containers like {@link #stop(String, Duration)}, and runs {@code afterSignal}
     * once the engine has delivered their stop signal (SIGTERM, or the image's {@code STOPSIGNAL}) and
     * before their grace runs out: for scenarios whose order matters, driven by the test's own
     * events, e.g. a peer that sends its line only after the signal. Each container still gets
     * SIGKILL at its own signal time plus the grace. What {@code afterSignal} throws is rethrown
     * once the containers have stopped (nothing is observed then).
     *
     * <pre>{@code
     * List<StopObservation> stops = stack.stop("server", Duration.ofSeconds(10), () -> releasePeersLine());
     * }</pre>
     */
    public List<StopObservation> stop(String service, Duration grace, Runnable afterSignal) {
        requireService(service);
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(afterSignal, "afterSignal");
        List<String> ids = containerIds(service);
        Instant requested = Instant.now();
        java.util.Map<String, Instant> signals = inspection.signalThenStop(ids, grace, settings.commandTimeout(), afterSignal);
        return inspection.observe(ids, effectiveGrace(grace), signals, requested);
    }

    /** Sends a signal ({@code TERM}, {@code SIGKILL}, {@code 9}, ...) to the service's containers. */
    public void kill(String service, String signal) {
        requireService(service);
        if (signal == null || !SIGNAL.matcher(signal).matches()) {
            throw new IllegalArgumentException("not a signal: '" + signal + "'; use a name such as TERM, SIGINT or KILL, or a number");
        }
        compose(settings.commandTimeout(), List.of("kill", "-s", signal, service));
    }

    /**
     * Takes the stack down and reports how every container ended. In order: every container is
     * stopped with {@code grace} (as {@code compose stop -t} does: dependants first, level by level,
     * each container with its own grace; through the Docker API, so that each container's signal
     * time is the moment its own stop request was sent), then its exit code, finish time,
     * OOM flag and full log are read from the Docker API, and only then {@code down -v} removes
     * containers, networks and volumes. Containers that had already exited are reported too.
     */
    public List<StopObservation> down(Duration grace) {
        Objects.requireNonNull(grace, "grace");
        synchronized (lifecycle) {
            if (state != State.UP) {
                return List.of();
            }
            try {
                List<String> ids = inspection.containerIds(null);
                Instant signalledAt = Instant.now();
                // as `compose stop -t` does (dependants first, level by level, each container with its
                // own grace), through the Docker API: each container's signal time is then known
                java.util.Map<String, Instant> signals = new java.util.HashMap<>();
                for (List<String> level : stopLevels(ids)) {
                    signals.putAll(inspection.stopAll(level, grace, settings.commandTimeout().plus(grace)));
                }
                List<StopObservation> observed = inspection.observe(ids, effectiveGrace(grace), signals, signalledAt);
                downObservations = List.copyOf(observed);
                return observed;
            } finally {
                takeDown(grace);
            }
        }
    }

    /** The containers in the levels {@code compose stop} stops them in; containers of no service of the file come last. */
    private List<List<String>> stopLevels(List<String> ids) {
        List<List<String>> levels = new ArrayList<>();
        java.util.Set<String> placed = new java.util.HashSet<>();
        for (List<String> services : file.stopOrder()) {
            List<String> level = new ArrayList<>();
            for (String service : services) {
                inspection.containerIds(service).stream().filter(ids::contains).filter(placed::add).forEach(level::add);
            }
            if (!level.isEmpty()) {
                levels.add(level);
            }
        }
        List<String> rest = ids.stream().filter(id -> !placed.contains(id)).toList();
        if (!rest.isEmpty()) {
            levels.add(rest);
        }
        return levels;
    }

    /** The service's log so far (all its containers, stdout and stderr, one line per line). */
    public String logs(String service) {
        requireService(service);
        return inspection.logs(service);
    }

    /**
     * Follows the service's log, from the first line its containers printed, line by line
     * (stdout and stderr, without trailing newline) until the returned handle is closed or the
     * containers stop. The consumer is called from a Docker client thread.
     */
    public AutoCloseable followLogs(String service, Consumer<String> lineConsumer) {
        Objects.requireNonNull(lineConsumer, "lineConsumer");
        requireService(service);
        return inspection.follow(service, lineConsumer);
    }

    /**
     * Follows the service's log into a new {@link LogStream} for {@code await}s on protocol lines.
     * The stream is marked ended when every container of the service has exited (and none
     * restarts), saying how (exit code, time), and when the stack is taken down: waiting on it then
     * fails at once, with the service's last lines, instead of waiting out the timeout.
     *
     * <pre>{@code
     * LogStream client1 = stack.logStream("client1");
     * client1.await(LogConditions.action("loop_finished").result("success"), Duration.ofSeconds(30));
     * }</pre>
     */
    public LogStream logStream(String service) {
        requireService(service);
        LogStream stream = new LogStream(service);
        AutoCloseable follow = inspection.follow(service, stream, stream::markEnded);
        attachments.push(() -> {
            try {
                follow.close();
            } finally {
                stream.markEnded("the stack " + project + " was taken down");
            }
        });
        return stream;
    }

    /**
     * A {@link NetcatProbe} on one of the stack's networks (by its compose name), removed when the
     * stack is taken down.
     *
     * <pre>{@code
     * EchoExchange echo = stack.netcatProbe("testing_net").send("server", 12345, "hello\n");
     * }</pre>
     */
    public NetcatProbe netcatProbe(String composeNetwork) {
        return netcatProbe(composeNetwork, ProbeOptions.defaults());
    }

    /** {@link #netcatProbe(String)} with options (image, timeouts). */
    public NetcatProbe netcatProbe(String composeNetwork, ProbeOptions options) {
        NetcatProbe probe = NetcatProbe.on(network(composeNetwork), options);
        attachments.push(probe);
        return probe;
    }

    private void closeAttachments() {
        AutoCloseable a;
        while ((a = attachments.poll()) != null) {
            try {
                a.close();
            } catch (Exception e) {
                System.err.println("[tp-harness] stack " + project + ": could not close " + a + ": " + e);
            }
        }
    }

    /** Runs a command in the service's (first) container ({@code compose exec -T}); never throws on a non-zero exit. */
    public ExecResult exec(String service, String... command) {
        requireService(service);
        if (command.length == 0) {
            throw new IllegalArgumentException("exec needs a command, e.g. exec(\"" + service + "\", \"sh\", \"-c\", \"ls\")");
        }
        List<String> args = new ArrayList<>(List.of("exec", "-T", service));
        args.addAll(Arrays.asList(command));
        ComposeCli.Result r = cli().runAllowingFailure(project, List.of(composeFilePath()), projectDirectory(), settings.commandTimeout(), args);
        return new ExecResult(r.exitCode(), r.stdout(), r.stderr());
    }

    /**
     * Writes every service's log ({@code <service>.log}) and a state summary ({@code state.txt})
     * of every container into {@code dir}, for evidence after a failure. While the stack is up they
     * come from the engine; once {@link #down(Duration)} has removed the containers, from what that
     * down read before removing them (full logs, exit codes, times). A stack taken down without a
     * report ({@link #close()}, or a failed {@code up}) has no logs left: only {@code state.txt}
     * is written, and it says so.
     *
     * @return the files written ({@code state.txt} last)
     */
    public List<Path> writeEvidence(Path dir) {
        if (state != State.DOWN) {
            return StackEvidence.write(dir, project, isolated, services(), settings);
        }
        return StackEvidence.writeAfterDown(dir, project, isolated, services(), downObservations);
    }

    /** {@code down -v} with {@link Builder#stopTimeout(Duration)}; does nothing if the stack is not up. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (state == State.UP) {
                takeDown(settings.stopTimeout());
            }
        }
    }

    @Override
    public String toString() {
        return "ComposeStack[" + project + (isolated ? ", isolated" : ", course-faithful") + ", " + state + "]";
    }

    /** Called by the shutdown hook: no lock (a test thread may hold it), a short grace, no observation. */
    void downForShutdown() {
        if (state == State.UP) {
            closeAttachments();
            cli().run(project, List.of(composeFilePath()), projectDirectory(), Duration.ofSeconds(60),
                    List.of("down", "-v", "--remove-orphans", "--rmi", "local", "-t", "2"));
        }
    }

    private void takeDown(Duration grace) {
        try {
            closeAttachments();
            List<String> down = List.of("down", "-v", "--remove-orphans", "--rmi", "local", "-t", seconds(grace));
            try {
                compose(settings.commandTimeout().plus(grace), down);
            } catch (ComposeCommandException e) {
                if (!isEngineRace(e)) {
                    throw e;
                }
                // Docker 20.10 under load: a container's removal still in progress holds the network's endpoint
                // for a moment. Everything is stopped by now; down again (bounded) removes what is left.
                List<String> again = List.of("down", "-v", "--remove-orphans", "--rmi", "local", "-t", "0");
                dev.tpharness.internal.Poll.until("down of " + project + " after an engine race", Duration.ofSeconds(15),
                        Duration.ofSeconds(1), () -> {
                            try {
                                compose(settings.commandTimeout(), again);
                                return java.util.Optional.<ComposeCommandException>empty();
                            } catch (ComposeCommandException retry) {
                                if (!isEngineRace(retry)) {
                                    throw retry;
                                }
                                return java.util.Optional.of(retry);
                            }
                        }, java.util.Optional::isEmpty, last -> last.orElse(e));
            }
        } finally {
            state = State.DOWN;
            HarnessRun.unregister(this);
            if (!isolated) {
                FaithfulLock.release(project);
            }
        }
    }

    /** A failed {@code down} that only lost a race inside the engine (removals overlapping), not a real error. */
    static boolean isEngineRace(ComposeCommandException e) {
        String tail = e.stderrTail();
        return tail.contains("has active endpoints") || tail.contains("is already in progress");
    }

    private static Duration effectiveGrace(Duration grace) {
        return Duration.ofSeconds(Long.parseLong(seconds(grace)));
    }

    private ComposeCli.Result compose(Duration timeout, List<String> args) {
        return cli().run(project, List.of(composeFilePath()), projectDirectory(), timeout, args);
    }

    private void composeQuietly(Duration timeout, List<String> args) {
        compose(timeout, args);
    }

    private synchronized ComposeCli cli() {
        if (cli == null) {
            cli = ComposeCli.detect(System.getenv(), settings.harness());
        }
        return cli;
    }

    private synchronized Path composeFilePath() {
        if (writtenFile == null) {
            try {
                Path dir = OutputDirectory.resolve(settings.harness()).resolve("compose");
                Files.createDirectories(dir);
                writtenFile = dir.resolve(project + ".yaml");
                file.write(writtenFile);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the compose file of stack " + project + ": " + e.getMessage(), e);
            }
        }
        return writtenFile;
    }

    private Path projectDirectory() {
        return original.source().map(p -> p.toAbsolutePath().normalize().getParent()).orElse(null);
    }

    private void requireService(String service) {
        if (!file.serviceNames().contains(service)) {
            throw new IllegalArgumentException("stack " + project + " has no service '" + service + "'; services: " + file.serviceNames());
        }
    }

    private String describe() {
        return "stack " + project + " (thread " + Thread.currentThread().getName() + ", since " + Instant.now() + ")";
    }

    private static String seconds(Duration grace) {
        if (grace.isNegative()) {
            throw new IllegalArgumentException("grace period must not be negative: " + grace);
        }
        long s = grace.toSeconds() + (grace.toNanosPart() > 0 ? 1 : 0);
        return Long.toString(s);
    }

    /**
     * Configures a {@link ComposeStack}; every setting has a default.
     *
     * <pre>{@code
     * ComposeStack stack = ComposeStack.isolated(file)
     *         .upTimeout(Duration.ofMinutes(2))
     *         .stopTimeout(Duration.ofSeconds(15))
     *         .build();
     * }</pre>
     */
    public static final class Builder {
        private final ComposeFile file;
        private final boolean isolated;
        private String project;
        private Duration upTimeout = DEFAULT_UP_TIMEOUT;
        private Duration commandTimeout = DEFAULT_COMMAND_TIMEOUT;
        private Duration stopTimeout = DEFAULT_STOP_TIMEOUT;
        private Duration exclusiveWait = Duration.ofMinutes(10);
        private Duration pullTimeout;
        private dev.tpharness.compose.model.ResourceLimits limits;
        private Boolean strict;
        private HarnessSettings harness;

        private Builder(ComposeFile file, boolean isolated) {
            this.file = Objects.requireNonNull(file, "file").copy();
            this.isolated = isolated;
        }

        /**
         * The project name. Default: {@code tph-<12 random hex digits>} for isolated stacks,
         * {@code tp0} for course-faithful ones. Compose accepts lowercase letters, digits, '-' and '_'.
         */
        public Builder project(String project) {
            this.project = project;
            return this;
        }

        /**
         * The harness settings this stack uses (compose command, Docker bounds, pull timeout, strict
         * mode, limits, log memory, output folder); the builder's own setters override them.
         * Default {@link HarnessSettings#current()}.
         */
        public Builder settings(HarnessSettings settings) {
            this.harness = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** Limit for {@code up}, builds included. Default {@link #DEFAULT_UP_TIMEOUT}. */
        public Builder upTimeout(Duration timeout) {
            this.upTimeout = positive(timeout, "upTimeout");
            return this;
        }

        /** Limit for every other command, added to any grace period. Default {@link #DEFAULT_COMMAND_TIMEOUT}. */
        public Builder commandTimeout(Duration timeout) {
            this.commandTimeout = positive(timeout, "commandTimeout");
            return this;
        }

        /** Grace period {@link ComposeStack#close()} gives containers. Default {@link #DEFAULT_STOP_TIMEOUT}. */
        public Builder stopTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "stopTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("stopTimeout must not be negative: " + timeout);
            }
            this.stopTimeout = timeout;
            return this;
        }

        /** How long a course-faithful {@code up} waits for another stack of the same project to close. Default 10 min. */
        public Builder exclusiveWait(Duration wait) {
            this.exclusiveWait = positive(wait, "exclusiveWait");
            return this;
        }

        /**
         * How long {@code up} may spend pulling an image that a service without {@code build} names
         * and that is not on this machine; {@link Duration#ZERO}: never pull, fail at once. Default
         * the setting {@value HarnessSettings#DOCKER_PULL_TIMEOUT}, else 2 min.
         */
        public Builder pullTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "pullTimeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("pullTimeout must not be negative: " + timeout);
            }
            this.pullTimeout = timeout;
            return this;
        }

        /**
         * Limits added to every service that sets none itself (memory without swap, processes, log
         * rotation); {@link dev.tpharness.compose.model.ResourceLimits#none()} adds none. Default:
         * {@link HarnessSettings#limits()} (512 MiB, 256 pids, 3 x 10 MiB of log unless the {@code tp.limits.*} settings say otherwise).
         */
        public Builder limits(dev.tpharness.compose.model.ResourceLimits limits) {
            this.limits = Objects.requireNonNull(limits, "limits");
            return this;
        }

        /**
         * Strict mode: {@link #build()} refuses a file whose services reach onto the host (privileged,
         * host network/PID/IPC, dangerous capabilities, devices, bind mounts of {@code /}, system
         * folders or the Docker socket; see {@link ComposeFile#hostAccess()}). Default
         * the setting {@value HarnessSettings#COMPOSE_STRICT}, else off.
         */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** A stack that is not up yet: call {@link ComposeStack#up()}. */
        public ComposeStack build() {
            String name = project != null ? project : isolated ? "tph-" + HarnessRun.newId(6) : "tp0";
            if (!name.matches("[a-z0-9][a-z0-9_-]*")) {
                throw new IllegalArgumentException("compose project name '" + name
                        + "' is not valid: use lowercase letters, digits, '-' and '_', starting with a letter or digit");
            }
            if (file.serviceNames().isEmpty()) {
                throw new IllegalArgumentException(file.source().map(Path::toString).orElse("the compose file")
                        + " has no services; a stack needs at least one");
            }
            HarnessSettings h = harness != null ? harness : HarnessSettings.current();
            boolean strictMode = strict != null ? strict : h.strict();
            if (strictMode) {
                List<String> findings = file.hostAccess();
                if (!findings.isEmpty()) {
                    throw new dev.tpharness.compose.model.ComposeFileException("strict mode (" + h.nameOf(HarnessSettings.COMPOSE_STRICT)
                            + "=true) refuses this compose file; nothing was started:\n  " + String.join("\n  ", findings)
                            + "\n  to fix, remove those settings, or run without strict mode if you trust the file");
                }
            }
            Duration pull = pullTimeout != null ? pullTimeout : h.pullTimeout();
            var resourceLimits = limits != null ? limits : h.limits();
            return new ComposeStack(file, name, isolated,
                    new StackSettings(upTimeout, commandTimeout, stopTimeout, exclusiveWait, pull, resourceLimits, h));
        }

        private static Duration positive(Duration d, String what) {
            Objects.requireNonNull(d, what);
            if (d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive: " + d);
            }
            return d;
        }
    }
}
