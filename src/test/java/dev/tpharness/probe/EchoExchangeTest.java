package dev.tpharness.probe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

/** The value helpers for protocols that are not an echo. */
class EchoExchangeTest {

    private static EchoExchange counter(byte[] reply, ExchangeOutcome outcome) {
        return EchoExchange.of("counter:7000", "abc\nhello\n".getBytes(UTF_8), reply, outcome, Duration.ofMillis(40), "");
    }

    @Test
    void replyTextIsTheReplyDecodedAsUtf8() {
        assertThat(counter("3\nñ\n".getBytes(UTF_8), ExchangeOutcome.REPLIED).replyText()).isEqualTo("3\nñ\n");
        assertThat(counter(new byte[] {'a', (byte) 0xff}, ExchangeOutcome.REPLIED).replyText()).isEqualTo("a\ufffd");
    }

    @Test
    void hasReplyWhenCompleteAndEqual() {
        EchoExchange counted = counter("3\n5\n".getBytes(UTF_8), ExchangeOutcome.REPLIED);

        assertThat(counted.hasReply("3\n5\n".getBytes(UTF_8))).isTrue();
        assertThat(counted.hasReply("3\n5".getBytes(UTF_8))).isFalse();
        assertThat(counted.isByteExact()).as("not an echo").isFalse();
    }

    @Test
    void anIncompleteReplyIsNotTheReplyEvenIfTheBytesMatch() {
        assertThat(counter("3\n5\n".getBytes(UTF_8), ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT)
                .hasReply("3\n5\n".getBytes(UTF_8))).isFalse();
    }

    @Test
    void firstDifferenceFromAnExpectedReply() {
        EchoExchange counted = counter("3\n6\n".getBytes(UTF_8), ExchangeOutcome.REPLIED);

        assertThat(counted.firstDifferenceFrom("3\n5\n".getBytes(UTF_8))).isEqualTo(OptionalInt.of(2));
        assertThat(counted.firstDifferenceFrom("3\n6\n".getBytes(UTF_8))).isEmpty();
        assertThat(counted.firstDifferenceFrom("3\n6\n\n".getBytes(UTF_8))).isEqualTo(OptionalInt.of(4));
    }
}
