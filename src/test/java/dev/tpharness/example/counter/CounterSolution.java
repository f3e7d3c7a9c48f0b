package dev.tpharness.example.counter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import dev.tpharness.compose.ComposeCommandException;
import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.grading.NotRunHere;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.ExchangeOutcome;
import dev.tpharness.probe.NetcatProbe;
import tools.jackson.databind.JsonNode;

/**
 * The graded repository as one check sees it: its compose file, the isolated stack a check starts
 * from it (taken down when the check ends) and a netcat probe on the counter's network. Made per
 * check by {@link CounterGrading}; not thread-safe (a check runs on one thread).
 */
public final class CounterSolution implements AutoCloseable {

    /** The service the statement asks for. */
    public static final String SERVICE = "counter";
    /** The TCP port it listens on. */
    public static final int PORT = 9000;

    /** How long a started service may take before it accepts connections. */
    static final Duration LISTEN_TIMEOUT = Duration.ofSeconds(30);

    private static final Set<ExchangeOutcome> NOT_LISTENING = Set.of(ExchangeOutcome.CONNECTION_REFUSED, ExchangeOutcome.UNKNOWN_HOST,
            ExchangeOutcome.CONNECT_TIMEOUT);

    private final Path repository;
    private final HarnessSettings settings;
    private ComposeStack stack;
    private NetcatProbe probe;

    CounterSolution(Path repository, HarnessSettings settings) {
        this.repository = repository;
        this.settings = settings;
    }

    /** The compose file of a repository: {@code docker-compose.yaml}, else {@code docker-compose.yml}. */
    static Optional<Path> composeFileOf(Path repository) {
        return Stream.of("docker-compose.yaml", "docker-compose.yml").map(repository::resolve).filter(Files::isRegularFile)
                .findFirst();
    }

    /**
     * Starts the repository's compose file as an isolated stack (its own project, no fixed names or
     * host ports) and waits until the counter accepts connections.
     *
     * @throws NotRunHere     when it cannot start because an image it names is not on this machine
     * @throws AssertionError when the file has no service {@code counter}, or the service does not listen
     */
    public ComposeStack up() {
        if (stack != null) {
            throw new IllegalStateException("one stack per check: this check started one already");
        }
        Path path = composeFileOf(repository).orElseThrow(() -> new AssertionError(repository + " has no docker-compose.yaml"));
        ComposeFile file = ComposeFile.read(path);
        if (!file.serviceNames().contains(SERVICE)) {
            throw new AssertionError(path.getFileName() + " has no service '" + SERVICE + "' (its services: " + file.serviceNames()
                    + "); the statement asks for a service named " + SERVICE);
        }
        stack = ComposeStack.isolated(file).settings(settings).build();
        try {
            stack.up();
        } catch (ComposeCommandException e) {
            List<String> missing = MissingImages.of(file);
            if (!missing.isEmpty()) {
                NotRunHere notRun = new NotRunHere(path.getFileName() + " runs " + String.join(", ", missing)
                        + ", which is not on this machine and was not pulled (the pull failed, timed out or is off)",
                        "docker pull " + missing.get(0) + " (or docker load) on the grading machine, or grade where a registry is"
                                + " reachable; if no registry has it, the file names a wrong image");
                notRun.initCause(e);
                throw notRun;
            }
            throw e;
        }
        probe = stack.netcatProbe(networkOf(file));
        awaitListening();
        return stack;
    }

    /** One exchange with the counter: sends {@code payload} as is, half-closes, returns what it answered. */
    public EchoExchange send(String payload) {
        return probe().send(SERVICE, PORT, payload);
    }

    /** One exchange with the counter, bytes as given. */
    public EchoExchange send(byte[] payload) {
        return probe().send(SERVICE, PORT, payload);
    }

    /** The running stack ({@link #up()} first). */
    public ComposeStack stack() {
        if (stack == null) {
            throw new IllegalStateException("no stack yet: call up() first");
        }
        return stack;
    }

    /** Writes every service's log and every container's state into {@code dir}; nothing when no stack was started. */
    List<Path> writeEvidence(Path dir) {
        return stack == null ? List.of() : stack.writeEvidence(dir);
    }

    /** Takes the stack down (its probe with it); does nothing when none was started or it is down already. */
    @Override
    public void close() {
        if (stack != null) {
            stack.close();
        }
    }

    private NetcatProbe probe() {
        if (probe == null) {
            throw new IllegalStateException("the counter is not up: call up() first");
        }
        return probe;
    }

    /**
     * Polls with empty exchanges until the counter accepts a connection: the statement asks for no
     * "listening" log line, so that is the only sign a solution gives.
     */
    private void awaitListening() {
        dev.tpharness.internal.Poll.until("the counter to accept connections", LISTEN_TIMEOUT, Duration.ofMillis(250),
                () -> probe.send(SERVICE, PORT, new byte[0]), last -> !NOT_LISTENING.contains(last.outcome()),
                last -> new AssertionError("the service '" + SERVICE + "' does not accept connections on TCP " + PORT + " within "
                        + LISTEN_TIMEOUT.toSeconds() + " s: " + last.outcome().description() + "; its containers: "
                        + stack.states(SERVICE)));
    }

    /** The compose network the counter is on: the first it names, else the implicit {@code default}. */
    static String networkOf(ComposeFile file) {
        JsonNode networks = file.service(SERVICE).path("networks");
        List<String> names = new ArrayList<>();
        if (networks.isArray()) {
            networks.forEach(n -> names.add(n.asString("")));
        } else if (networks.isObject()) {
            names.addAll(networks.propertyNames());
        }
        return names.stream().filter(n -> !n.isBlank()).findFirst().orElse("default");
    }
}
