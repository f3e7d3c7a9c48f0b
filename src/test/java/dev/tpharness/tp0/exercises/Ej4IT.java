package dev.tpharness.tp0.exercises;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.logs.LogCondition;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.testsupport.Command;
import dev.tpharness.testsupport.CommandResult;
import dev.tpharness.tp0.exercises.support.Tp0Grading;
import dev.tpharness.tp0.exercises.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Exercise 4: SIGTERM ends server and clients gracefully: exit 0, well inside the grace period, shutdown logged. */
@Tag("ej4")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej4")
class Ej4IT {

    private static final Duration GRACE = Duration.ofSeconds(10);
    /** "Well inside" the grace period. */
    private static final Duration WELL_INSIDE = Duration.ofSeconds(5);
    /** A long loop: the signal always arrives in the middle of it. */
    private static final Map<String, String> LONG_LOOP = Map.of("CLI_LOOP_AMOUNT", "1000", "CLI_LOOP_PERIOD", "1s");

    /** Any protocol line about the shutdown: the contract leaves the exact actions to the solution. */
    static final LogCondition SHUTDOWN_LINE = LogConditions.line("a shutdown/close protocol line",
            l -> l.action().matches("(?i).*(shutdown|close|closing|exit|stop|terminat|sigterm|graceful).*"));

    @Test
    @DisplayName("SIGTERM to a client in the middle of its loop")
    void clientStopsGracefully(Tp0Workspace ws) {
        ComposeStack stack = ws.isolatedStack(ws.runnable(ws.generate(1), LONG_LOOP)).up();
        stack.logStream("client1").await(LogConditions.action("receive_message").result("success"), Duration.ofSeconds(30));
        expectGraceful(stack.stop("client1", GRACE));
    }

    @Test
    @DisplayName("SIGTERM to the server while a client is connected")
    void serverStopsGracefullyWithAConnectionOpen(Tp0Workspace ws) {
        ComposeStack stack = ws.isolatedStack(ws.runnable(ws.generate(0), Map.of())).up();
        var server = stack.logStream("server");
        server.await(LogConditions.action("accept_connections").result("in_progress"), Duration.ofSeconds(30));
        String holder = "tph-ej4-conn-" + HarnessLabels.runId() + "-" + Long.toHexString(System.nanoTime());
        List<String> run = new ArrayList<>(List.of("docker", "run", "-d", "--rm", "--name", holder, "--network", stack.network("testing_net")));
        run.addAll(HarnessLabels.dockerArgs("ej4-connection"));
        // connects, sends nothing and keeps its side open: the server is in the middle of a connection
        run.addAll(List.of("--entrypoint", "sh", "alpine:3.20", "-c", "sleep 60 | nc server " + ws.serverPort()));
        CommandResult started = Command.of(run.toArray(String[]::new)).withTimeout(Duration.ofSeconds(60)).run();
        assertThat(started.exitCode()).as("start the connection holder: %s", started.describe()).isZero();
        try {
            server.await(LogConditions.action("accept_connections").result("success"), Duration.ofSeconds(30));
            expectGraceful(stack.stop("server", GRACE));
        } finally {
            Command.of("docker", "rm", "-f", holder).withTimeout(Duration.ofSeconds(60)).run();
        }
    }

    @Test
    @DisplayName("down -t 10 of the whole stack (server and two clients mid-loop)")
    void wholeStackGoesDownGracefully(Tp0Workspace ws) {
        ComposeStack stack = ws.isolatedStack(ws.runnable(ws.generate(2), LONG_LOOP)).up();
        for (String client : List.of("client1", "client2")) {
            stack.logStream(client).await(LogConditions.action("receive_message").result("success"), Duration.ofSeconds(30));
        }
        List<StopObservation> stops = stack.down(GRACE);
        assertThat(stops).extracting(StopObservation::service).containsExactlyInAnyOrder("server", "client1", "client2");
        expectGraceful(stops);
    }

    private static void expectGraceful(List<StopObservation> stops) {
        assertThat(stops).as("containers stopped").isNotEmpty();
        for (StopObservation stop : stops) {
            StopReport report = StopReport.of(stop);
            assertThat(report).isGraceful().stoppedWithin(WELL_INSIDE).loggedAfterSignal(SHUTDOWN_LINE);
        }
    }
}
