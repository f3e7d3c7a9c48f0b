package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.ContainerState;
import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.logs.LogStream;
import dev.tpharness.logs.LogTimeoutError;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.NotRunHere;
import dev.tpharness.grading.Required;
import dev.tpharness.tp0.grading.support.Tp0Grading;
import dev.tpharness.tp0.grading.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Exercise 4: SIGTERM ends server and clients gracefully, judged by real exit codes and times (not
 * by log text): exit 0 before the grace period ends, something logged after the signal. Each stop
 * scenario runs once; several checks judge it.
 */
@Tag("ej4")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej4")
public class Ej4Checks {

    static final String SOURCE = "statement ex. 4; course test_ej4 (with exit codes instead of log text)";
    private static final Duration GRACE = Duration.ofSeconds(10);
    /** "Well inside" the grace period. */
    private static final Duration WELL_INSIDE = Duration.ofSeconds(5);
    /** How long a peer's scenario waits for the server's accept line before signalling it anyway. */
    private static final Duration ACCEPT_LINE_BOUND = Duration.ofSeconds(15);
    /**
     * A long loop: the signal always arrives in the middle of it. Its period (2 s, under the
     * course's 5 s) is the quiet time after each exchange in which the scenarios signal: see
     * {@link #awaitQuietMoment}.
     */
    private static final Map<String, String> LONG_LOOP = Map.of("CLI_LOOP_AMOUNT", "1000", "CLI_LOOP_PERIOD", "2s", "CLI_LOG_LEVEL", "DEBUG");
    /** How long a scenario waits for the client's next exchange before signalling anyway. */
    private static final Duration NEXT_EXCHANGE_BOUND = Duration.ofSeconds(20);
    /** A protocol line: {@code action: X | result: Y}, the result one of the contract's three. */
    private static final Pattern PROTOCOL_LINE = Pattern.compile("action: [^|\\s][^|]* \\| result: (success|fail|in_progress)(\\s|$)");

    @Test
    @DisplayName("SIGTERM to a client mid-loop: exit 0 before the grace ends, a line logged after the signal")
    @Required(SOURCE + ": a client ends gracefully on SIGTERM")
    void clientStopsGracefully(Tp0Workspace ws) {
        expectGracefulWithALine(clientStop(ws));
    }

    @Test
    @DisplayName("SIGTERM to the server while clients loop: exit 0 before the grace ends, a line logged after the signal")
    @Required(SOURCE + ": the server ends gracefully on SIGTERM while clients use it")
    void serverStopsGracefullyWhileClientsLoop(Tp0Workspace ws) {
        expectGracefulWithALine(serverStopWithClients(ws));
    }

    @Test
    @DisplayName("SIGTERM to the server mid-exchange (a peer connected, its line sent once the signal is delivered): exit 0 before the grace ends, a line logged")
    @Required(SOURCE + ": the server ends gracefully on SIGTERM whatever it is doing, also while it reads a connection")
    void serverStopsGracefullyMidExchange(Tp0Workspace ws) {
        expectGracefulWithALine(serverStopMidExchange(ws));
    }

    @Test
    @DisplayName("down -t 10 of server + 2 clients mid-loop: every container exits 0 before the grace ends")
    @Required(SOURCE + ": docker compose down -t 10 of the whole stack ends every container gracefully")
    void wholeStackGoesDownGracefully(Tp0Workspace ws) {
        List<StopObservation> stops = down(ws);
        assertThat(stops).extracting(StopObservation::service).containsExactlyInAnyOrder("server", "client1", "client2");
        for (StopObservation stop : stops) {
            StopReport report = StopReport.of(stop);
            // a container that had already ended its run with 0 exits 0 too, as the course's check reads it
            boolean exitedZeroBefore = report.verdict() == StopVerdict.EXITED_BEFORE_SIGNAL && stop.exitCode().orElse(-1) == 0;
            assertThat(report.isGraceful() || exitedZeroBefore).as("%s", report.describe()).isTrue();
        }
    }

    @Test
    @DisplayName("shutdown lines in the action: X | result: Y format")
    @Advisory("graders and log tools read the protocol format; free text or 'result : x' is invisible to them")
    void shutdownLinesFollowTheProtocol(Tp0Workspace ws) {
        List<String> missing = new ArrayList<>();
        stops(ws, false).forEach((scenario, stops) -> {
            for (StopObservation stop : stops) {
                boolean protocol = stop.logsAfterSignal().lines().anyMatch(l -> PROTOCOL_LINE.matcher(l).find());
                if (!protocol) {
                    missing.add(scenario + ": " + StopReport.of(stop).describe());
                }
            }
        });
        assertThat(missing).as("stops with no 'action: X | result: Y' line after the signal").isEmpty();
    }

    @Test
    @DisplayName("every SIGTERM handled well inside the grace period (< 5 s)")
    @Advisory("an orchestrator's grace period is a ceiling, not a budget: a slow stop delays every deploy and nears the SIGKILL")
    void stopsWellInsideTheGrace(Tp0Workspace ws) {
        List<String> slow = new ArrayList<>();
        // not `down`: it signals the server only once the clients are gone, so its times include theirs
        stops(ws, false).forEach((scenario, stops) -> {
            for (StopObservation stop : stops) {
                boolean fast = stop.exitedBeforeSignal()
                        || stop.exitCode().isPresent() && stop.timeToStop().map(t -> t.compareTo(WELL_INSIDE) < 0).orElse(false);
                if (!fast) {
                    slow.add(scenario + ": " + StopReport.of(stop).summary());
                }
            }
        });
        assertThat(slow).as("stops that took %d s or more", WELL_INSIDE.toSeconds()).isEmpty();
    }

    @Test
    @DisplayName("a peer that connects and never sends does not keep the server from exiting")
    @Advisory("one idle or stuck peer must not hold a server hostage past its grace period")
    void idlePeerDoesNotBlockTheServer(Tp0Workspace ws) {
        StopReport report = StopReport.of(serverStopWithIdlePeer(ws).get(0));
        assertThat(report.isGraceful()).as("%s", report.describe()).isTrue();
    }

    @Test
    @DisplayName("after its loop a client exits 0 by itself")
    @Advisory("a client whose work is done should end on its own, with exit code 0")
    void clientExitsAfterItsLoop(Tp0Workspace ws) {
        ws.editClientConfig(Map.of("loop.amount", 2, "loop.period", "100ms"));
        ComposeStack stack = ws.isolatedStack(ws.runnable(ws.generate(1),
                Map.of("CLI_LOOP_AMOUNT", "2", "CLI_LOOP_PERIOD", "100ms"))).up();
        List<ContainerState> exited = stack.awaitExit("client1", Duration.ofSeconds(60));
        assertThat(exited).as("client1 after a loop of 2 messages").allSatisfy(s -> assertThat(s.exitCode()).contains(0));
    }

    // --- the stop scenarios, each run once per graded exercise ------------------------------------

    private static List<StopObservation> clientStop(Tp0Workspace ws) {
        return ws.shared("stop-client", w -> {
            ComposeStack stack = w.isolatedStack(longLoop(w, 1)).up();
            awaitLoop(w, stack, "client1");
            awaitQuietMoment(stack, "client1");
            return stack.stop("client1", GRACE);
        });
    }

    private static List<StopObservation> serverStopWithClients(Tp0Workspace ws) {
        return ws.shared("stop-server-clients-looping", w -> {
            ComposeStack stack = w.isolatedStack(longLoop(w, 1)).up();
            awaitLoop(w, stack, "client1");
            awaitQuietMoment(stack, "client1");
            return stack.stop("server", GRACE);
        });
    }

    private static List<StopObservation> serverStopMidExchange(Tp0Workspace ws) {
        return ws.shared("stop-server-mid-exchange", w -> {
            ComposeStack stack = serverAlone(w);
            // connects at once and holds its line until the grader releases it, once the server got
            // the signal: the order is the grader's, whatever the machine's load. The container
            // outlives its pipeline (the last sleep): a server that closes the connection on the
            // signal ends the pipeline as the line is released, and a container ending then would
            // kill the grader's `docker exec` (137) on a loaded machine
            return withPeer(w, stack, "{ while [ ! -e /go ]; do sleep 0.05; done; printf 'tp-harness mid-exchange\\n'; sleep 30; }"
                    + " | nc -w 30 server " + w.serverPort() + "; sleep 60", peer -> {
                        awaitAccepted(stack);
                        return stack.stop("server", GRACE, () -> release(peer));
                    });
        });
    }

    private static List<StopObservation> serverStopWithIdlePeer(Tp0Workspace ws) {
        return ws.shared("stop-server-idle-peer", w -> {
            ComposeStack stack = serverAlone(w);
            return withPeer(w, stack, "sleep 60 | nc server " + w.serverPort(), peer -> {
                awaitAccepted(stack);
                return stack.stop("server", GRACE);
            });
        });
    }

    private static List<StopObservation> down(Tp0Workspace ws) {
        return ws.shared("down-whole-stack", w -> {
            ComposeStack stack = w.isolatedStack(longLoop(w, 2)).up();
            awaitLoop(w, stack, "client1");
            awaitLoop(w, stack, "client2");
            return stack.down(GRACE);
        });
    }

    /** The stop scenarios that could be made (a scenario whose set-up failed is reported by its own check). */
    private static Map<String, List<StopObservation>> stops(Tp0Workspace ws, boolean withDown) {
        Map<String, Function<Tp0Workspace, List<StopObservation>>> scenarios = new LinkedHashMap<>();
        scenarios.put("SIGTERM to a client", Ej4Checks::clientStop);
        scenarios.put("SIGTERM to the server while clients loop", Ej4Checks::serverStopWithClients);
        scenarios.put("SIGTERM to the server mid-exchange", Ej4Checks::serverStopMidExchange);
        if (withDown) {
            scenarios.put("down -t 10", Ej4Checks::down);
        }
        Map<String, List<StopObservation>> made = new LinkedHashMap<>();
        List<String> failed = new ArrayList<>();
        boolean anyNotRun = false;
        for (var e : scenarios.entrySet()) {
            try {
                made.put(e.getKey(), e.getValue().apply(ws));
            } catch (NotRunHere n) {
                anyNotRun = true;
                failed.add(e.getKey() + ": " + n.getMessage());
            } catch (RuntimeException | AssertionError x) {
                failed.add(e.getKey() + ": " + x.getMessage());
            }
        }
        if (made.isEmpty()) {
            if (anyNotRun) {
                throw new NotRunHere("no stop scenario could run (" + String.join("; ", failed) + ")", "see those checks");
            }
            throw new AssertionError("no stop scenario could be set up:\n  " + String.join("\n  ", failed));
        }
        return made;
    }

    /** Server + {@code clients} clients in a long loop, at DEBUG on both sides (as the course reads the logs). */
    private static ComposeFile longLoop(Tp0Workspace ws, int clients) {
        configureDebug(ws);
        ws.editClientConfig(Map.of("loop.amount", 1000, "loop.period", "2s", "log.level", "DEBUG"));
        return ws.runnable(ws.generate(clients), LONG_LOOP);
    }

    private static void configureDebug(Tp0Workspace ws) {
        ws.editServerConfig(Map.of("LOGGING_LEVEL", "DEBUG"));
    }

    /** The server alone (generated with one client, which is then left out: no check relies on 0 clients here). */
    private static ComposeStack serverAlone(Tp0Workspace ws) {
        configureDebug(ws);
        ComposeStack stack = ws.isolatedStack(ws.runnable(Tp0Workspace.serverOnly(ws.generate(1)), Map.of())).up();
        ws.awaitServer(stack, "testing_net", "server", ws.serverPort(), Duration.ofSeconds(30));
        return stack;
    }

    /**
     * Waits (bounded) until the client has exchanged with the server: its {@code receive_message}
     * line, or, whatever its log level hides, a TCP connection between it and the server's port in
     * the kernel's table of the client's or the server's network namespace (open, or in TIME_WAIT
     * after it closed: whichever side closed first keeps it for a minute). A client that shows
     * neither is stopped anyway once the bound passes: it is judged by how it stops.
     */
    private static void awaitLoop(Tp0Workspace ws, ComposeStack stack, String client) {
        String port = String.format(java.util.Locale.ROOT, "%04X", ws.serverPort());
        List<String> namespaces = new ArrayList<>(stack.containerIds(client));
        namespaces.addAll(stack.containerIds("server"));
        LogStream log = stack.logStream(client);
        int[] turn = {0};
        try {
            dev.tpharness.internal.Poll.until("the first exchange of " + client, Duration.ofSeconds(20), Duration.ofMillis(200), () -> {
                if (log.has(LogConditions.action("receive_message").result("success"))) {
                    return true;
                }
                if (namespaces.isEmpty()) {
                    return false;
                }
                String id = namespaces.get(turn[0]++ % namespaces.size());
                return connectedTo(id, port);
            }, seen -> seen, seen -> new AssertionError("no exchange seen"));
        } catch (AssertionError notSeen) {
            // judged by how it stops, not by what it logs
        }
    }

    /**
     * Waits (bounded) for the client's next {@code action: receive_message | result: success}
     * line and returns as soon as it is logged: the exchange is over on both sides and the client
     * sleeps its period, so what client or server log from the signal on answers the signal, not
     * the loop. (Signalled at an arbitrary moment instead, a loop line logged while the stop
     * request travels would count as "logged after the signal" for a client that logs nothing on
     * SIGTERM; how likely depends on the machine's load.) A client that logs no such line at its
     * level is signalled at once, judged by how it stops.
     */
    private static void awaitQuietMoment(ComposeStack stack, String client) {
        LogStream log = stack.logStream(client);
        var received = LogConditions.action("receive_message").result("success");
        int seen = log.matching(received).size();
        if (seen == 0) {
            return;
        }
        try {
            log.await(received.count(seen + 1), NEXT_EXCHANGE_BOUND);
        } catch (LogTimeoutError noNextExchange) {
            // its loop stalled or ended: judged by how it stops
        }
    }

    /** Whether the kernel table of the container's network namespace holds a non-listening TCP socket with that port (hex). */
    private static boolean connectedTo(String containerId, String hexPort) {
        List<String> run = new ArrayList<>(List.of("docker", "run", "--rm", "--network", "container:" + containerId));
        run.addAll(HarnessLabels.dockerArgs("ej4-netns-reader"));
        run.addAll(List.of("--entrypoint", "cat", "alpine:3.20", "/proc/net/tcp", "/proc/net/tcp6"));
        CommandResult r = Command.of(run.toArray(String[]::new)).withTimeout(Duration.ofSeconds(20)).run();
        return r.stdout().lines().map(l -> l.strip().split("\\s+")).filter(f -> f.length > 3 && f[1].contains(":") && f[2].contains(":"))
                .anyMatch(f -> !f[3].equals("0A") && (f[1].endsWith(":" + hexPort) || f[2].endsWith(":" + hexPort)));
    }

    /**
     * Waits (bounded) for the server's own word that it took the peer's connection, the course's
     * {@code action: accept_connections | result: success} line, which servers log when accept
     * returns, just before they read: an established connection may still sit in the listen
     * backlog, and the signal must find the server serving the peer, whatever the machine's load.
     * A server that logs no such line at its level is signalled when the bound ends.
     */
    private static void awaitAccepted(ComposeStack stack) {
        try {
            stack.logStream("server").await(LogConditions.action("accept_connections").result("success"), ACCEPT_LINE_BOUND);
        } catch (LogTimeoutError noAcceptLine) {
            // judged by how it stops with the connection open, accepted or not
        }
    }

    /**
     * Runs {@code script} in a throwaway Alpine container on the stack's network while {@code action}
     * runs, given the container's name, once the container's connection is established.
     */
    private static List<StopObservation> withPeer(Tp0Workspace ws, ComposeStack stack, String script,
            Function<String, List<StopObservation>> action) {
        String peer = "tph-ej4-peer-" + HarnessLabels.runId() + "-" + Long.toHexString(System.nanoTime());
        List<String> run = new ArrayList<>(List.of("docker", "run", "-d", "--rm", "--name", peer, "--network", stack.network("testing_net")));
        run.addAll(HarnessLabels.dockerArgs("ej4-peer"));
        run.addAll(List.of("--entrypoint", "sh", "alpine:3.20", "-c", script));
        CommandResult started = Command.of(run.toArray(String[]::new)).withTimeout(Duration.ofSeconds(60)).run();
        assertThat(started.exitCode()).as("start the peer container: %s", started.describe()).isZero();
        try {
            awaitEstablished(peer);
            return action.apply(peer);
        } finally {
            Command.of("docker", "rm", "-f", peer).withTimeout(Duration.ofSeconds(60)).run();
        }
    }

    /** Lets a peer that waits for {@code /go} send its line (the root folder: every Alpine-like image has it). */
    private static void release(String peer) {
        CommandResult r = Command.of("docker", "exec", peer, "touch", "/go").withTimeout(Duration.ofSeconds(30)).run();
        assertThat(r.exitCode()).as("release the peer's line: %s", r.describe()).isZero();
    }

    private static void expectGracefulWithALine(List<StopObservation> stops) {
        assertThat(stops).as("containers stopped").isNotEmpty();
        for (StopObservation stop : stops) {
            StopReport report = StopReport.of(stop);
            assertThat(report.isGraceful()).as("exit 0 before the grace period ends: %s", report.describe()).isTrue();
            assertThat(report.logsAfterSignal().isBlank()).as("a line logged after the signal: %s", report.describe()).isFalse();
        }
    }

    /**
     * Waits (bounded) until the peer's TCP connection is established, read from the kernel's table
     * in the peer's own network namespace: the peer holds no other connection, and the server's log
     * level may hide its accept line.
     */
    private static void awaitEstablished(String peer) {
        dev.tpharness.internal.Poll.until("the peer's connection to the server", Duration.ofSeconds(15), Duration.ofMillis(100),
                () -> Command.of("docker", "exec", peer, "cat", "/proc/net/tcp", "/proc/net/tcp6").withTimeout(Duration.ofSeconds(10)).run(),
                r -> r.stdout().lines().skip(1).map(l -> l.strip().split("\\s+")).anyMatch(f -> f.length > 3 && f[3].equals("01")),
                r -> new AssertionError("the peer container " + peer + " had no established connection to the server within 15 s: "
                        + r.describe()));
    }
}
