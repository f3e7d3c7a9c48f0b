package dev.tpharness.probe;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.opentest4j.AssertionFailedError;

import dev.tpharness.testsupport.DockerTestSupport;

/**
 * The netcat probe against the fixture echo servers on a network of our own. The fixtures echo
 * one message: the bytes up to and including the first newline, or up to the probe's
 * half-close. So every payload here has at most one newline, at its end.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetcatProbeIT {

    private static final int PORT = 12345;

    private final DockerTestSupport docker = new DockerTestSupport();
    private String network;
    private NetcatProbe probe;

    @BeforeAll
    void startFixtures() {
        network = docker.createNetwork();
        for (String fixture : List.of("echo-ok", "echo-prefix", "echo-trim", "echo-extra-newline", "echo-silent")) {
            String image = docker.buildFixture(fixture);
            String name = docker.start(fixture, List.of("--network", network, "--network-alias", fixture), image);
            DockerTestSupport.awaitLog(name, "action: config | result: success", Duration.ofSeconds(30));
        }
        // Accepts connections and never answers nor closes: BusyBox nc runs `sleep` per connection.
        docker.start("mute", List.of("--network", network, "--network-alias", "mute"), ProbeOptions.DEFAULT_IMAGE,
                "nc", "-ll", "-p", "9999", "-e", "sleep", "600");
        probe = NetcatProbe.on(network, ProbeOptions.defaults().withConnectTimeout(Duration.ofSeconds(2))
                .withReplyTimeout(Duration.ofSeconds(2)));
    }

    @AfterAll
    void cleanUp() {
        try {
            if (probe != null) {
                probe.close();
            }
        } finally {
            docker.close();
        }
    }

    static Stream<Arguments> payloads() {
        Random random = new Random(42);
        byte[] big = new byte[64 * 1024];
        random.nextBytes(big);
        for (int i = 0; i < big.length; i++) {
            if (big[i] == '\n') {
                big[i] = 'x';
            }
        }
        byte[] bigLine = big.clone();
        bigLine[bigLine.length - 1] = '\n';
        byte[] everyByte = new byte[255];
        for (int i = 0, v = 0; v < 256; v++) {
            if (v != '\n') {
                everyByte[i++] = (byte) v;
            }
        }
        return Stream.of(
                Arguments.of("empty payload", new byte[0]),
                Arguments.of("one line with its newline", "hello\n".getBytes(UTF_8)),
                Arguments.of("no trailing newline", "hello, no newline".getBytes(UTF_8)),
                Arguments.of("UTF-8", "[CLIENT 1] Message N°1 ¿qué tal? ñ 🙂\n".getBytes(UTF_8)),
                Arguments.of("NUL bytes", new byte[] {'a', 0, 'b', 0, 0, 'c', '\n'}),
                Arguments.of("every byte value except newline", everyByte),
                Arguments.of("64 KiB without newline", big),
                Arguments.of("64 KiB ending in a newline", bigLine));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("payloads")
    void echoOkIsByteExact(String kind, byte[] payload) {
        EchoExchange echo = probe.send("echo-ok", PORT, payload);

        assertThat(echo).hasOutcome(ExchangeOutcome.REPLIED).isByteExact().repliedWithin(Duration.ofSeconds(10));
        assertThat(echo.reply()).isEqualTo(payload);
    }

    @Test
    void prefixingServerFailsWithAMismatchAtOffsetZero() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(probe.send("echo-prefix", PORT, "hello\n")).isByteExact());

        assertThat(error).hasMessageContaining("echo mismatch at offset 0: sent 6 bytes, received 12 bytes")
                .hasMessageContaining("received: \"ECHO: hello\\n\"");
        assertThat(error.getActual().getValue()).isEqualTo("\"ECHO: hello\\n\"");
    }

    @Test
    void trimmingServerFailsWithTheMissingNewline() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(probe.send("echo-trim", PORT, "hello\n")).isByteExact());

        assertThat(error).hasMessageContaining("echo mismatch at offset 5: sent 6 bytes, received 5 bytes (the reply stops where the payload goes on)")
                .hasMessageContaining("received: 68 65 6c 6c 6f [--]");
    }

    @Test
    void serverAddingANewlineFailsWithTheExtraByte() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(probe.send("echo-extra-newline", PORT, "hello\n")).isByteExact());

        assertThat(error).hasMessageContaining("echo mismatch at offset 6: sent 6 bytes, received 7 bytes (the reply goes on after the payload ends)")
                .hasMessageContaining("received: 68 65 6c 6c 6f 0a [0a] --");
    }

    @Test
    void silentServerClosesWithoutReplyAndFailsByteExact() {
        EchoExchange echo = probe.send("echo-silent", PORT, "hello\n");

        assertThat(echo).hasOutcome(ExchangeOutcome.CLOSED_WITHOUT_REPLY);
        assertThatThrownBy(() -> assertThat(echo).isByteExact())
                .hasMessageContaining("sent 6 bytes, received 0 bytes (nothing came back)");
    }

    @Test
    void closedPortIsRefused() {
        EchoExchange echo = probe.send("echo-ok", 9, "hello\n");

        assertThat(echo).hasOutcome(ExchangeOutcome.CONNECTION_REFUSED);
        assertThat(echo.probeOutput()).contains("Connection refused");
        assertThatThrownBy(() -> assertThat(echo).isByteExact()).hasMessageContaining("the connection was refused");
    }

    @Test
    void unknownHostIsReportedAsSuch() {
        assertThat(probe.send("no-such-service", PORT, "hello\n")).hasOutcome(ExchangeOutcome.UNKNOWN_HOST);
    }

    @Test
    void serverThatNeverAnswersEndsAtTheReplyTimeout() {
        try (NetcatProbe quick = NetcatProbe.on(network, ProbeOptions.defaults()
                .withConnectTimeout(Duration.ofSeconds(1)).withReplyTimeout(Duration.ofSeconds(1)))) {
            EchoExchange echo = quick.send("mute", 9999, "hello\n");

            assertThat(echo).hasOutcome(ExchangeOutcome.NO_REPLY_WITHIN_TIMEOUT);
            assertThat(echo.elapsed()).isBetween(Duration.ofMillis(1500), Duration.ofSeconds(10));
            assertThatThrownBy(() -> assertThat(echo).repliedWithin(Duration.ofSeconds(30)))
                    .hasMessageContaining("no reply within the reply timeout");
        }
    }

    @Test
    void hundredMessagesThroughOneReusedProbeContainer() {
        List<Long> millis = new ArrayList<>();
        for (int k = 1; k <= 100; k++) {
            EchoExchange echo = probe.send("echo-ok", PORT, "[CLIENT 1] Message N°" + k + "\n");
            assertThat(echo).isByteExact();
            millis.add(echo.elapsed().toMillis());
        }
        Collections.sort(millis);
        long median = (millis.get(49) + millis.get(50)) / 2;

        EchoExchange once = NetcatProbe.sendOnce(network, "echo-ok", PORT, "throwaway\n".getBytes(UTF_8), ProbeOptions.defaults());

        assertThat(once).isByteExact();
        System.out.printf("[figures] reused probe container: 100 messages, median %d ms, min %d ms, max %d ms per message%n",
                median, millis.get(0), millis.get(99));
        System.out.printf("[figures] throwaway probe container (docker run --rm): %d ms for one message%n",
                once.elapsed().toMillis());
        assertThat(median).as("median latency per message through the reused probe (sanity bound)").isLessThan(5000);
        assertThat(docker("ps", "-q", "--filter", "label=dev.tpharness.role=netcat-probe", "--filter", "network=" + network))
                .as("one probe container on the network").hasLineCount(1);
    }

    @Test
    void concurrentMessagesThroughOneProbeAreAllByteExact() throws Exception {
        // one message at a time goes through the probe's driver shell; the others take a docker exec each
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            List<java.util.concurrent.Future<EchoExchange>> sent = new ArrayList<>();
            for (int k = 0; k < 12; k++) {
                byte[] payload = ("concurrent " + k + " \u00f1\n").getBytes(UTF_8);
                sent.add(pool.submit(() -> probe.send("echo-ok", PORT, payload)));
            }
            for (int k = 0; k < sent.size(); k++) {
                EchoExchange echo = sent.get(k).get(60, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(echo).isByteExact();
                assertThat(echo.reply()).isEqualTo(("concurrent " + k + " \u00f1\n").getBytes(UTF_8));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aHostNameWithASpaceIsAnUnknownHost() {
        // such a name cannot go through the driver's request line: it takes the docker exec way, with the same verdict
        assertThat(probe.send("echo ok", PORT, "hello\n")).hasOutcome(ExchangeOutcome.UNKNOWN_HOST);
    }

    @Test
    void closeRemovesTheProbeContainer() {
        NetcatProbe own = NetcatProbe.on(network);
        assertThat(own.containerName()).isEmpty();
        assertThat(own.send("echo-ok", PORT, "hi\n")).isByteExact();
        String name = own.containerName().orElseThrow();

        own.close();

        assertThat(docker("ps", "-aq", "--filter", "name=^" + name + "$")).isBlank();
        assertThatThrownBy(() -> own.send("echo-ok", PORT, "hi\n")).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void missingNetworkIsAClearProbeException() {
        try (NetcatProbe lost = NetcatProbe.on("tpharness-no-such-network-" + docker.runId())) {
            assertThatThrownBy(() -> lost.send("echo-ok", PORT, "hi\n")).isInstanceOf(ProbeException.class)
                    .hasMessageContaining("could not start a probe container from alpine:3.20 on network tpharness-no-such-network-")
                    .hasMessageContaining("network tpharness-no-such-network-" + docker.runId() + " not found");
        }
        assertThat(docker("ps", "-aq", "--filter", "label=dev.tpharness.role=netcat-probe", "--filter", "status=created"))
                .as("no probe container left behind").isBlank();
    }

    private static String docker(String... args) {
        return DockerTestSupport.docker(args);
    }
}
