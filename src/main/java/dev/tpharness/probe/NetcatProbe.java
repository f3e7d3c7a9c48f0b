package dev.tpharness.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

import dev.tpharness.compose.HarnessLabels;

/**
 * Sends messages to a service from inside its Docker network, the way a course validator does:
 * BusyBox {@code nc} in an Alpine container attached to the network, no published port, no
 * netcat on the host. Binary-safe: the payload goes to nc's stdin as bytes and the reply comes
 * back from its stdout as bytes; nc half-closes the connection when the payload ends, so a server
 * that reads up to EOF sees the end of the message. The reply is whatever the server sent until
 * it closed the connection (or the reply timeout passed).
 *
 * <p>The probe is not echo-only: it sends bytes, half-closes, and returns what the server
 * answered as an {@link EchoExchange}, whatever the protocol. An echo is checked with
 * {@code isByteExact()}; any other request/reply protocol with {@code hasReply},
 * {@code hasReplyLines}, {@code hasReplyLineCount} or {@code hasReplyMatching} (see
 * {@code HarnessAssertions}). A service answering each line with its length:
 *
 * <pre>{@code
 * EchoExchange counted = probe.send("counter", 7000, "abc\nhello\n");
 * assertThat(counted).hasReply("3\n5\n");               // or .hasReplyLines("3", "5")
 * }</pre>
 *
 * <p>One probe container per instance, started on the first {@link #send} (labelled
 * {@code dev.tpharness=true}) and reused by every later message: one long-lived shell in it, fed
 * through an attached Docker API stream, runs nc per message (the payload goes to a file that is
 * redirected into nc, so nc sees the exact bytes and then end-of-file), a few milliseconds plus
 * the exchange itself; a message sent while another is in flight takes a {@code docker exec} of
 * its own. {@link #close()} removes the container.
 *
 * <pre>{@code
 * try (NetcatProbe probe = NetcatProbe.on(stack.network("testing_net"))) {
 *     EchoExchange echo = probe.send("server", 12345, "hello\n");
 *     HarnessAssertions.assertThat(echo).isByteExact();
 * }
 * // a single message, with a throwaway container:
 * EchoExchange once = NetcatProbe.sendOnce("tp0_testing_net", "server", 12345, payload, ProbeOptions.defaults());
 * }</pre>
 *
 * <p>Instances are thread-safe; exchanges may run concurrently.
 */
public final class NetcatProbe implements AutoCloseable {

    static final String ROLE_LABEL = "dev.tpharness.role=netcat-probe";

    private final String network;
    private final ProbeOptions options;
    private final String containerName;
    private boolean started;
    private boolean closed;
    private ProbeDriver driver;
    private boolean driverUnavailable;

    private NetcatProbe(String network, ProbeOptions options) {
        this.network = requireNonBlank(network, "network");
        this.options = Objects.requireNonNull(options, "options");
        this.containerName = "tpharness-probe-" + UUID.randomUUID().toString().substring(0, 12);
    }

    /** A probe on the Docker network with this (real, host-side) name, with default options. */
    public static NetcatProbe on(String network) {
        return new NetcatProbe(network, ProbeOptions.defaults());
    }

    /** A probe on the Docker network with this (real, host-side) name. */
    public static NetcatProbe on(String network, ProbeOptions options) {
        return new NetcatProbe(network, options);
    }

    /**
     * Sends one message from a throwaway container ({@code docker run --rm}) and returns what came
     * back; slower than a reused probe (hundreds of milliseconds), for one-off checks.
     */
    public static EchoExchange sendOnce(String network, String host, int port, byte[] payload, ProbeOptions options) {
        requireNonBlank(network, "network");
        List<String> args = new ArrayList<>(List.of("run", "--rm", "-i", "--init", "--network", network));
        args.addAll(labelArgs());
        args.addAll(List.of("--entrypoint", "timeout", options.image()));
        args.addAll(ncArgs(host, port, options));
        return exchange(args, host, port, payload, options);
    }

    /** The run's labels (so a killed run's probes are swept) plus the probe role. */
    private static List<String> labelArgs() {
        List<String> args = new ArrayList<>(HarnessLabels.dockerArgs("netcat-probe"));
        args.addAll(List.of("--label", ROLE_LABEL));
        return args;
    }

    private List<String> runArgs() {
        List<String> args = new ArrayList<>(List.of("run", "-d", "--init", "--name", containerName, "--network", network));
        args.addAll(labelArgs());
        args.addAll(List.of("--entrypoint", "sleep", options.image(), "2147483647"));
        return args;
    }

    /** Sends the bytes to {@code host:port} and returns the reply, the outcome and the time taken. */
    public EchoExchange send(String host, int port, byte[] payload) {
        Objects.requireNonNull(payload, "payload");
        ensureStarted();
        List<String> command = new ArrayList<>(List.of("timeout"));
        command.addAll(ncArgs(host, port, options));
        Duration hardLimit = Duration.ofSeconds(options.exchangeSeconds()).plus(options.dockerTimeout());
        ProbeDriver d = host.chars().anyMatch(Character::isWhitespace) ? null : driver();
        if (d != null) {
            Optional<DockerCli.Result> result = d.exchange(command, host, port, options.connectSeconds(), options.exchangeSeconds(),
                    payload, hardLimit);
            if (result.isPresent()) {
                return outcome(result.get(), host, port, payload, hardLimit);
            }
        }
        // the driver is busy with another thread's message (or unavailable): one docker exec for this one
        List<String> args = new ArrayList<>(List.of("exec", "-i", containerName));
        args.addAll(command);
        return exchange(args, host, port, payload, options);
    }

    /** Sends the UTF-8 bytes of {@code message} exactly as given (no newline is added). */
    public EchoExchange send(String host, int port, String message) {
        return send(host, port, message.getBytes(StandardCharsets.UTF_8));
    }

    /** The network the probe is attached to. */
    public String network() {
        return network;
    }

    public ProbeOptions options() {
        return options;
    }

    /** The probe container's name once it has been started. */
    public synchronized Optional<String> containerName() {
        return started ? Optional.of(containerName) : Optional.empty();
    }

    /** Removes the probe container, if it was started. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (driver != null) {
            driver.close();
        }
        if (started) {
            DockerCli.runOrThrow("remove probe container " + containerName,
                    List.of("rm", "-f", "-v", containerName), options.dockerTimeout());
        }
    }

    /** The long-lived driver shell, started on first use (and again if it ended); null if it cannot run here. */
    private synchronized ProbeDriver driver() {
        if (driverUnavailable || closed) {
            return null;
        }
        if (driver == null || !driver.isAlive()) {
            try {
                driver = ProbeDriver.start(containerName);
            } catch (RuntimeException e) {
                driverUnavailable = true; // e.g. no Docker API access: every message goes through docker exec
                return null;
            }
        }
        return driver;
    }

    private synchronized void ensureStarted() {
        if (closed) {
            throw new IllegalStateException("this NetcatProbe on network " + network + " is closed");
        }
        if (started) {
            return;
        }
        try {
            DockerCli.runOrThrow("start a probe container from " + options.image() + " on network " + network
                            + " (does the network exist and is the image present locally?)",
                    runArgs(),
                    options.dockerTimeout());
        } catch (ProbeException e) {
            // `docker run` creates the container before it fails to start it (e.g. missing network).
            DockerCli.run(List.of("rm", "-f", containerName), new byte[0], options.dockerTimeout());
            throw e;
        }
        started = true;
    }

    private static List<String> ncArgs(String host, int port, ProbeOptions options) {
        requireNonBlank(host, "host");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535, was " + port);
        }
        // timeout execs nc, so a probe killed at the deadline exits 137 and nothing lingers.
        return List.of("-s", "KILL", Long.toString(options.exchangeSeconds()),
                "nc", "-w", Long.toString(options.connectSeconds()), host, Integer.toString(port));
    }

    private static EchoExchange exchange(List<String> args, String host, int port, byte[] payload,
            ProbeOptions options) {
        Duration hardLimit = Duration.ofSeconds(options.exchangeSeconds()).plus(options.dockerTimeout());
        return outcome(DockerCli.run(args, payload, hardLimit), host, port, payload, hardLimit);
    }

    private static EchoExchange outcome(DockerCli.Result result, String host, int port, byte[] payload, Duration hardLimit) {
        String target = host + ":" + port;
        if (result.timedOut()) {
            throw new ProbeException("the probe for " + target + " did not finish within " + hardLimit.toSeconds()
                    + " s: " + result.describe());
        }
        ExchangeOutcome outcome = classify(result.exitCode(), result.stderr(), payload.length, result.stdout().length);
        String probeOutput = outcome == ExchangeOutcome.PROBE_FAILED
                ? result.describe() : result.stderr().strip();
        return EchoExchange.of(target, payload, result.stdout(), outcome, result.elapsed(), probeOutput);
    }

    /**
     * How an exchange ended, from BusyBox nc's exit status and stderr: 0 = the server closed the
     * connection; 137 = killed by {@code timeout -s KILL} at the deadline; 1 + a message = nc
     * failed to connect.
     */
    static ExchangeOutcome classify(int exitCode, String stderr, int payloadLength, int replyLength) {
        String err = stderr.toLowerCase(Locale.ROOT);
        if (exitCode == 0) {
            return replyLength == 0 && payloadLength > 0 ? ExchangeOutcome.CLOSED_WITHOUT_REPLY : ExchangeOutcome.REPLIED;
        }
        if (exitCode == 137 || exitCode == 124) {
            return replyLength == 0 ? ExchangeOutcome.NO_REPLY_WITHIN_TIMEOUT
                    : ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT;
        }
        if (err.contains("connection refused")) {
            return ExchangeOutcome.CONNECTION_REFUSED;
        }
        if (err.contains("bad address") || err.contains("name does not resolve") || err.contains("unknown host")) {
            return ExchangeOutcome.UNKNOWN_HOST;
        }
        if (err.contains("connection reset")) {
            return ExchangeOutcome.CONNECTION_RESET;
        }
        if (err.contains("timed out")) {
            return ExchangeOutcome.CONNECT_TIMEOUT;
        }
        return ExchangeOutcome.PROBE_FAILED;
    }

    private static String requireNonBlank(String value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }
}
