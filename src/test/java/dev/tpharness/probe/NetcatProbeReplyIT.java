package dev.tpharness.probe;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.opentest4j.AssertionFailedError;

import dev.tpharness.internal.Poll;
import dev.tpharness.testsupport.DockerTestSupport;

/**
 * The netcat probe against a service that is not an echo: a BusyBox shell behind {@code nc -ll}
 * answers each line it reads with the line's length ("abc\nhello\n" -> "3\n5\n") and closes when
 * the probe half-closes. A trailing partial line is not answered ({@code read} fails on it).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NetcatProbeReplyIT {

    private static final int PORT = 7000;
    private static final String COUNTER = "while IFS= read -r l; do echo ${#l}; done";

    private final DockerTestSupport docker = new DockerTestSupport();
    private NetcatProbe probe;

    @BeforeAll
    void startCounter() {
        String network = docker.createNetwork();
        docker.start("counter", List.of("--network", network, "--network-alias", "counter"), ProbeOptions.DEFAULT_IMAGE,
                "nc", "-ll", "-p", Integer.toString(PORT), "-e", "sh", "-c", COUNTER);
        probe = NetcatProbe.on(network, ProbeOptions.defaults().withConnectTimeout(Duration.ofSeconds(2))
                .withReplyTimeout(Duration.ofSeconds(2)));
        // no log line says nc listens: ask until the connection is no longer refused
        Poll.until("the counter listening on port " + PORT, Duration.ofSeconds(30), Duration.ofMillis(200),
                () -> probe.send("counter", PORT, "\n"), e -> e.outcome() != ExchangeOutcome.CONNECTION_REFUSED,
                e -> new IllegalStateException("the counter did not listen: " + e));
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

    @Test
    void theCounterAnswersEachLineWithItsLength() {
        EchoExchange counted = probe.send("counter", PORT, "abc\nhello\n");

        assertThat(counted).hasOutcome(ExchangeOutcome.REPLIED)
                .hasReply("3\n5\n")
                .hasReplyLines("3", "5")
                .hasReplyLineCount(2)
                .hasReplyMatching(r -> new String(r, UTF_8).matches("(\\d+\n)+"),
                        "one number per line");
        assertThat(counted.replyText()).isEqualTo("3\n5\n");
        assertThat(counted.hasReply("3\n5\n".getBytes(UTF_8))).isTrue();
    }

    @Test
    void aWrongExpectationFailsWithTheOffsetDiff() {
        EchoExchange counted = probe.send("counter", PORT, "abc\nhello!\n");

        assertThatThrownBy(() -> assertThat(counted).hasReply("3\n5\n"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("the reply from counter:" + PORT + " is not the expected one (the exchange ended as REPLIED")
                .hasMessageContaining("reply mismatch at offset 2: expected 4 bytes, received 4 bytes")
                .hasMessageContaining("    expected: 33 0a [35] 0a --\n    received: 33 0a [36] 0a --");
    }

    @Test
    void aTrailingPartialLineIsNotAnsweredAndTheLineCheckNamesTheMissingLine() {
        EchoExchange counted = probe.send("counter", PORT, "abc\nhello");

        assertThat(counted).hasReply("3\n").hasReplyLineCount(1);
        assertThatThrownBy(() -> assertThat(counted).hasReplyLines("3", "5"))
                .isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("expected 2 lines from counter:" + PORT + " but line 2 is missing: the reply ends after line 1")
                .hasMessageContaining("(the reply stops where the expected reply goes on)");
        assertThatThrownBy(() -> assertThat(counted).isByteExact())
                .as("a counter is not an echo").hasMessageContaining("echo mismatch at offset 0: sent 9 bytes, received 2 bytes");
    }
}
