package dev.tpharness.tp0.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.internal.Poll;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code validar-echo-server.sh} against real servers in Docker. Each case runs a copy of the
 * script next to its own {@code server/config.ini} (the working tree is never touched), on a
 * stack with a unique compose project, so the network is {@code <project>_testing_net}, passed
 * through {@code TP0_NETWORK}. Everything created carries {@code dev.tpharness=true} and is
 * removed after each case (and swept again after all of them).
 *
 * <p>To check another server, start it with {@link #startStack(Path)} (any compose file whose
 * service is reachable as {@code SERVER_IP} on network {@code testing_net}) and
 * {@link #validate(Stack, String, int)} it.
 */
class ValidarEchoServerIT {

    private static final Path ROOT = Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath();
    private static final String SUCCESS = "action: test_echo_server | result: success\n";
    private static final String FAIL = "action: test_echo_server | result: fail\n";
    /** The bound for every failure case. */
    private static final Duration BOUND = Duration.ofSeconds(10);
    private static final String RUN = "tp0gen" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
    private static final String RUN_LABEL = "dev.tpharness.run=" + RUN;
    private static final AtomicInteger STACKS = new AtomicInteger();
    private static final Set<Stack> STARTED = ConcurrentHashMap.newKeySet();

    @TempDir
    Path workTree;
    private final Deque<Runnable> cleanups = new ArrayDeque<>();
    private final Deque<String> networks = new ArrayDeque<>();

    /** A started compose project; {@code network} is the host name of its {@code testing_net}. */
    record Stack(String project, Path composeFile, String network) {
    }

    @BeforeEach
    void copyTheScript() throws IOException {
        Files.copy(ROOT.resolve("validar-echo-server.sh"), workTree.resolve("validar-echo-server.sh"),
                StandardCopyOption.COPY_ATTRIBUTES);
        Files.createDirectories(workTree.resolve("server"));
    }

    @Test
    void aCorrectEchoServerPasses() throws IOException {
        Stack stack = startStack(ROOT.resolve("compose/mock-echo-healthy.yaml"));

        CommandResult result = validate(stack, "server", 12345);

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(result.exitCode()).isZero();
    }

    @Test
    void aServerThatPrefixesItsReplyFails() throws IOException {
        Stack stack = startStack(ROOT.resolve("compose/mock-echo-unhealthy.yaml"));

        CommandResult result = validate(stack, "server", 12345);

        assertFailedInTime(result);
        assertThat(result.stderr()).contains("differs from the message sent");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersFailsWithinTheBound() throws IOException {
        Stack stack = startStack(ROOT.resolve("compose/mock-echo-silent.yaml"));

        assertFailedInTime(validate(stack, "server", 12345));
    }

    @Test
    void aPortNobodyListensOnFailsWithinTheBound() throws IOException {
        Stack stack = startStack(ROOT.resolve("compose/mock-echo-healthy.yaml"));

        assertFailedInTime(validate(stack, "server", 12346));
    }

    @Test
    void aNetworkWithoutServerFailsWithinTheBound() throws IOException {
        String network = createNetwork();

        assertFailedInTime(validate(network, "server", 12345));
    }

    @Test
    void aMissingNetworkFailsWithinTheBound() throws IOException {
        String network = RUN + "-missing_testing_net";

        CommandResult result = validate(network, "server", 12345);

        assertFailedInTime(result);
        assertThat(result.stderr()).contains("network " + network + " not found");
    }

    @AfterEach
    void removeWhatThisCaseCreatedAndCheckTheValidatorLeftNothing() {
        try {
            while (!cleanups.isEmpty()) {
                cleanups.pop().run();
            }
        } finally {
            for (String network : networks) {
                CommandResult left = docker(Duration.ofSeconds(30), "ps", "-aq", "--filter",
                        "label=dev.tpharness.tool=validar-echo-server", "--filter", "network=" + network);
                assertThat(left.stdout()).as("validator containers left on %s", network).isBlank();
            }
        }
    }

    @AfterAll
    static void sweep() {
        // whatever a failed cleanup left behind: the stacks of this run, then its plain networks
        for (Stack stack : STARTED) {
            down(stack);
        }
        CommandResult nets = docker(Duration.ofSeconds(30), "network", "ls", "-q", "--filter", "label=" + RUN_LABEL);
        for (String id : nets.stdout().split("\\s+")) {
            if (!id.isBlank()) {
                docker(Duration.ofSeconds(30), "network", "rm", id);
            }
        }
    }

    /**
     * Starts {@code composeFile} under a unique project (building what it builds), waits until its
     * service {@code server} listens on 12345, and registers its removal.
     */
    Stack startStack(Path composeFile) {
        String project = RUN + "-" + STACKS.incrementAndGet();
        Stack stack = new Stack(project, composeFile, project + "_testing_net");
        networks.add(stack.network());
        STARTED.add(stack);
        cleanups.push(() -> {
            down(stack).requireSuccess();
            STARTED.remove(stack);
        });
        compose(stack, Duration.ofSeconds(180), "up", "-d", "--build").requireSuccess();
        awaitListening(stack, 12345);
        return stack;
    }

    CommandResult validate(Stack stack, String host, int port) throws IOException {
        return validate(stack.network(), host, port);
    }

    private CommandResult validate(String network, String host, int port) throws IOException {
        Files.writeString(workTree.resolve("server/config.ini"),
                "[DEFAULT]\nSERVER_PORT = " + port + "\nSERVER_IP = " + host + "\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO");
        CommandResult result = Command.of("sh", "validar-echo-server.sh")
                .in(workTree)
                .withEnv("TP0_NETWORK", network)
                .withTimeout(Duration.ofSeconds(60))
                .run();
        assertThat(result.timedOut()).as(result.describe()).isFalse();
        return result;
    }

    private String createNetwork() {
        String network = RUN + "-" + STACKS.incrementAndGet() + "_testing_net";
        docker(Duration.ofSeconds(30), "network", "create", "--label", "dev.tpharness=true", "--label", RUN_LABEL, network)
                .requireSuccess();
        networks.add(network);
        cleanups.push(() -> docker(Duration.ofSeconds(30), "network", "rm", network).requireSuccess());
        return network;
    }

    private void awaitListening(Stack stack, int port) {
        // a LISTEN (0A) socket on the port in the kernel's table: needs only sh and grep in the image
        Poll.until("server to listen", Duration.ofSeconds(15), Duration.ofMillis(200), () -> compose(stack, Duration.ofSeconds(10),
                "exec", "-T", "server", "sh", "-c", "grep -qsE ':" + String.format("%04X", port) + " [0-9A-F]+:0000 0A ' /proc/net/tcp /proc/net/tcp6"),
                r -> r.exitCode() == 0, last -> new AssertionError("service server of " + stack.project() + " does not listen on " + port
                        + " after 15 s; last check: " + last.describe()));
    }

    private static void assertFailedInTime(CommandResult result) {
        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.duration()).as(result.describe()).isLessThan(BOUND);
    }

    private static CommandResult down(Stack stack) {
        return compose(stack, Duration.ofSeconds(90), "down", "-v", "-t", "0", "--rmi", "local", "--remove-orphans");
    }

    private static CommandResult compose(Stack stack, Duration timeout, String... args) {
        String[] argv = new String[args.length + 6];
        argv[0] = "docker";
        argv[1] = "compose";
        argv[2] = "-p";
        argv[3] = stack.project();
        argv[4] = "-f";
        argv[5] = stack.composeFile().toString();
        System.arraycopy(args, 0, argv, 6, args.length);
        return Command.of(argv).withTimeout(timeout).run();
    }

    private static CommandResult docker(Duration timeout, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "docker";
        System.arraycopy(args, 0, argv, 1, args.length);
        return Command.of(argv).withTimeout(timeout).run();
    }
}
