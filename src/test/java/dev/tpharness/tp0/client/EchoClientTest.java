package dev.tpharness.tp0.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tpharness.tp0.InProcessEchoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EchoClientTest {

    private InProcessEchoServer server;

    @BeforeEach
    void start() throws IOException {
        server = new InProcessEchoServer();
    }

    @AfterEach
    void stop() throws InterruptedException {
        server.close();
    }

    private ClientConfig config(int amount, Duration period, int port) {
        return new ClientConfig("7", "localhost:" + port, amount, period, "INFO");
    }

    private String logText() {
        return server.logText();
    }

    @Test
    void sendsEveryNumberedMessageAndFinishes() {
        EchoClient client = new EchoClient(config(3, Duration.ofMillis(10), server.port()), Duration.ofSeconds(1));
        assertThat(client.run()).isEqualTo(EchoClient.Outcome.FINISHED);
        for (int k = 1; k <= 3; k++) {
            assertThat(logText()).contains("action: receive_message | result: success | client_id: 7 | msg: [CLIENT 7] Message N\u00b0" + k + "\n");
        }
        assertThat(logText()).endsWith("INFO     action: loop_finished | result: success | client_id: 7\n");
    }

    @Test
    void shutdownInterruptsTheSleepAtOnce() throws Exception {
        EchoClient client = new EchoClient(config(5, Duration.ofMinutes(5), server.port()), Duration.ofSeconds(1));
        CompletableFuture<EchoClient.Outcome> run = CompletableFuture.supplyAsync(client::run);
        awaitLog("Message N\u00b01");
        long t0 = System.nanoTime();
        client.shutdown("SIGTERM");
        assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(EchoClient.Outcome.STOPPED);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
        // the in-process server logs into the same capture from its own thread, possibly after the client:
        // the client's own lines (client_id: 7) must end with its shutdown
        String clientLines = logText().lines().filter(l -> l.contains("client_id: 7")).map(l -> l + "\n")
                .collect(java.util.stream.Collectors.joining());
        assertThat(clientLines).contains("action: shutdown | result: in_progress | client_id: 7 | signal: SIGTERM")
                .endsWith("action: shutdown | result: success | client_id: 7\n");
        assertThat(logText()).doesNotContain("loop_finished").doesNotContain("Message N\u00b02");
    }

    @Test
    void shutdownInterruptsAnExchangeInProgressAndClosesItsSocket() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            EchoClient client = new EchoClient(config(1, Duration.ZERO, silent.getLocalPort()), Duration.ofSeconds(1));
            CompletableFuture<EchoClient.Outcome> run = CompletableFuture.supplyAsync(client::run);
            try (Socket accepted = silent.accept()) { // the peer reads the message and never answers
                var in = new java.io.BufferedReader(new java.io.InputStreamReader(accepted.getInputStream(), StandardCharsets.UTF_8));
                assertThat(in.readLine()).isEqualTo("[CLIENT 7] Message N\u00b01");
                client.shutdown("SIGTERM");
                assertThat(run.get(5, TimeUnit.SECONDS)).isEqualTo(EchoClient.Outcome.STOPPED);
                assertThat(in.read()).as("the client closed its socket").isEqualTo(-1);
            }
            assertThat(logText()).contains("action: close_connection | result: success | client_id: 7")
                    .endsWith("action: shutdown | result: success | client_id: 7\n");
        }
    }

    @Test
    void unreachableServerFailsAfterTheRetryWindowWithAConnectLine() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        EchoClient client = new EchoClient(config(2, Duration.ZERO, closedPort), Duration.ofMillis(300));
        assertThat(client.run()).isEqualTo(EchoClient.Outcome.FAILED);
        assertThat(logText()).contains("action: connect | result: fail | client_id: 7 | error: ConnectException");
    }

    @Test
    void aGarblingServerIsAFailure() throws Exception {
        try (ServerSocket garbling = new ServerSocket(0)) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = garbling.accept()) {
                    s.getInputStream().read(new byte[100]);
                    s.getOutputStream().write("ECHO: nope\n".getBytes(StandardCharsets.UTF_8));
                } catch (IOException ignored) {
                    // the test checks the client's side
                }
            });
            EchoClient client = new EchoClient(config(1, Duration.ZERO, garbling.getLocalPort()), Duration.ofSeconds(1));
            assertThat(client.run()).isEqualTo(EchoClient.Outcome.FAILED);
            assertThat(logText()).contains("action: receive_message | result: fail | client_id: 7 | error: reply differs from the message sent | msg: ECHO: nope");
        }
    }

    private void awaitLog(String fragment) {
        server.awaitLog(fragment);
    }
}
