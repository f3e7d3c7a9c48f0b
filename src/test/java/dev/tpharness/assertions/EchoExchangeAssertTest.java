package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.ExchangeOutcome;

class EchoExchangeAssertTest {

    private static EchoExchange exchange(String sent, String received, ExchangeOutcome outcome, long millis) {
        return EchoExchange.of("server:12345", sent.getBytes(UTF_8), received.getBytes(UTF_8), outcome,
                Duration.ofMillis(millis), "");
    }

    @Test
    void byteExactEchoPasses() {
        assertThatCode(() -> assertThat(exchange("hello\n", "hello\n", ExchangeOutcome.REPLIED, 80)).isByteExact()
                .repliedWithin(Duration.ofSeconds(1)).hasOutcome(ExchangeOutcome.REPLIED)).doesNotThrowAnyException();
    }

    @Test
    void emptyPayloadWithEmptyReplyIsByteExact() {
        assertThatCode(() -> assertThat(exchange("", "", ExchangeOutcome.REPLIED, 80)).isByteExact()).doesNotThrowAnyException();
    }

    @Test
    void wrongReplyFailsWithADiffableErrorAndTheMismatchReport() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(exchange("hello\n", "hello", ExchangeOutcome.REPLIED, 80)).isByteExact());

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo("\"hello\\n\"");
        Assertions.assertThat(error.getActual().getValue()).isEqualTo("\"hello\"");
        Assertions.assertThat(error).hasMessageContaining("expected a byte-exact echo from server:12345 but got a different reply.")
                .hasMessageContaining("echo mismatch at offset 5: sent 6 bytes, received 5 bytes")
                .hasMessageContaining("sent:     68 65 6c 6c 6f [0a] --");
    }

    @Test
    void anIncompleteExchangeIsNotByteExactEvenIfTheBytesMatch() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(exchange("hi\n", "hi\n", ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT, 5000)).isByteExact());

        Assertions.assertThat(error).hasMessageStartingWith(
                "expected a byte-exact echo, but the server replied but did not close the connection within the reply timeout.");
    }

    @Test
    void refusedConnectionFailsByteExactWithTheOutcome() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(EchoExchange.of("server:12345", "hi".getBytes(UTF_8), new byte[0],
                        ExchangeOutcome.CONNECTION_REFUSED, Duration.ofMillis(70),
                        "nc: can't connect to remote host (172.19.0.2): Connection refused")).isByteExact());

        Assertions.assertThat(error).hasMessageContaining("the connection was refused")
                .hasMessageContaining("probe said: nc: can't connect to remote host (172.19.0.2): Connection refused");
    }

    @Test
    void slowReplyFailsRepliedWithin() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(exchange("hi\n", "hi\n", ExchangeOutcome.REPLIED, 1500)).repliedWithin(Duration.ofSeconds(1)));

        Assertions.assertThat(error).hasMessageStartingWith("expected a reply within 1000 ms, but it took 1500 ms.");
    }

    @Test
    void noReplyFailsRepliedWithin() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(exchange("hi\n", "", ExchangeOutcome.NO_REPLY_WITHIN_TIMEOUT, 5000)).repliedWithin(Duration.ofSeconds(10)));

        Assertions.assertThat(error).hasMessageContaining("no reply within the reply timeout");
    }

    @Test
    void wrongOutcomeShowsExpectedAndActual() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(exchange("hi\n", "hi\n", ExchangeOutcome.REPLIED, 10)).hasOutcome(ExchangeOutcome.CONNECTION_REFUSED));

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo(ExchangeOutcome.CONNECTION_REFUSED);
        Assertions.assertThat(error.getActual().getValue()).isEqualTo(ExchangeOutcome.REPLIED);
    }

    @Test
    void describedAsPrefixesTheMessage() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(exchange("a", "b", ExchangeOutcome.REPLIED, 10)).as("ej3 echo").isByteExact());

        Assertions.assertThat(error).hasMessageStartingWith("[ej3 echo] expected a byte-exact echo");
    }
}
