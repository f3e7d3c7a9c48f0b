package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
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

    // ---- protocols that are not an echo: a line-length counter answers "abc\nhello\n" with "3\n5\n"

    private static EchoExchange counter(String received, ExchangeOutcome outcome) {
        return EchoExchange.of("counter:7000", "abc\nhello\n".getBytes(UTF_8), received.getBytes(UTF_8), outcome,
                Duration.ofMillis(60), "");
    }

    private static EchoExchange counted(String received) {
        return counter(received, ExchangeOutcome.REPLIED);
    }

    @Test
    void theCountersRightReplyPassesEveryReplyCheck() {
        assertThatCode(() -> assertThat(counted("3\n5\n"))
                .hasReply("3\n5\n")
                .hasReply("3\n5\n".getBytes(UTF_8))
                .hasReplyLines("3", "5")
                .hasReplyLineCount(2)
                .hasReplyMatching(r -> new String(r, UTF_8).matches("(\\d+\n)+"), "one number per line")
                .hasOutcome(ExchangeOutcome.REPLIED)).doesNotThrowAnyException();
    }

    @Test
    void anEmptyReplyIsNoLinesAndTheEmptyReply() {
        assertThatCode(() -> assertThat(counter("", ExchangeOutcome.CLOSED_WITHOUT_REPLY))
                .hasReply("").hasReplyLines().hasReplyLineCount(0)).doesNotThrowAnyException();
    }

    @Test
    void hasReplyTakesAStringAsUtf8() {
        assertThatCode(() -> assertThat(counted("ñ 🙂\n")).hasReply(new byte[] {(byte) 0xc3, (byte) 0xb1, ' ',
                (byte) 0xf0, (byte) 0x9f, (byte) 0x99, (byte) 0x82, '\n'})).doesNotThrowAnyException();
    }

    @Test
    void aDifferentByteFailsHasReplyNamingTheOffsetAndBothSides() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(counted("3\n6\n")).hasReply("3\n5\n"));

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo("\"3\\n5\\n\"");
        Assertions.assertThat(error.getActual().getValue()).isEqualTo("\"3\\n6\\n\"");
        Assertions.assertThat(error).hasMessage("""
                the reply from counter:7000 is not the expected one (the exchange ended as REPLIED: the server replied and closed the connection).
                reply mismatch at offset 2: expected 4 bytes, received 4 bytes
                  expected: "3\\n5\\n"
                  received: "3\\n6\\n"
                  hex from offset 0:
                    expected: 33 0a [35] 0a --
                    received: 33 0a [36] 0a --""");
    }

    @Test
    void aShorterReplyFailsHasReplyWhereItStops() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(counted("3\n")).hasReply("3\n5\n"));

        Assertions.assertThat(error).hasMessageContaining("reply mismatch at offset 2: expected 4 bytes, received 2 bytes"
                        + " (the reply stops where the expected reply goes on)")
                .hasMessageContaining("received: 33 0a [--]");
    }

    @Test
    void anIncompleteReplyFailsHasReplyEvenIfTheBytesMatch() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counter("3\n5\n", ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT)).hasReply("3\n5\n"));

        Assertions.assertThat(error).isNotInstanceOf(AssertionFailedError.class).hasMessage("""
                expected a complete reply from counter:7000 but the server replied but did not close the connection \
                within the reply timeout (REPLY_NOT_CLOSED_WITHIN_TIMEOUT, after 60 ms); a reply is complete when the server \
                closes the connection.
                Received so far:
                reply is as expected: 4 bytes, "3\\n5\\n\"""");
    }

    @Test
    void aRefusedConnectionFailsHasReplyWithWhatTheProbeSaid() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(EchoExchange.of("counter:7000", "abc\n".getBytes(UTF_8), new byte[0],
                        ExchangeOutcome.CONNECTION_REFUSED, Duration.ofMillis(70),
                        "nc: can't connect to remote host (172.19.0.2): Connection refused")).hasReply("3\n"));

        Assertions.assertThat(error).hasMessageStartingWith("expected a complete reply from counter:7000 but the connection was refused")
                .hasMessageContaining("(CONNECTION_REFUSED, after 70 ms)")
                .hasMessageContaining("probe said: nc: can't connect to remote host (172.19.0.2): Connection refused")
                .hasMessageNotContaining("Received so far");
    }

    @Test
    void aWrongLineFailsHasReplyLinesNamingTheLine() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(counted("3\n6\n")).hasReplyLines("3", "5"));

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo("\"3\\n5\\n\"");
        Assertions.assertThat(error).hasMessageStartingWith("""
                expected 2 lines from counter:7000 but line 2 differs (the exchange ended as REPLIED: the server replied and closed the connection).
                  expected line 2: "5\\n"
                  received line 2: "6\\n"
                reply mismatch at offset 2: expected 4 bytes, received 4 bytes""");
    }

    @Test
    void aMissingLineFailsHasReplyLines() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counted("3\n")).hasReplyLines("3", "5"));

        Assertions.assertThat(error).hasMessageStartingWith("expected 2 lines from counter:7000 but line 2 is missing: the reply ends after line 1 (")
                .hasMessageContaining("  expected line 2: \"5\\n\"\n  received line 2: (none)\n")
                .hasMessageContaining("(the reply stops where the expected reply goes on)");
    }

    @Test
    void anExtraLineFailsHasReplyLines() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counted("3\n5\n0\n")).hasReplyLines("3", "5"));

        Assertions.assertThat(error).hasMessageStartingWith("expected 2 lines from counter:7000 but the reply goes on after line 2 (")
                .hasMessageContaining("  expected line 3: (none)\n  received line 3: \"0\\n\"\n")
                .hasMessageContaining("reply mismatch at offset 4: expected 4 bytes, received 6 bytes");
    }

    @Test
    void aLastLineWithoutItsNewlineFailsHasReplyLines() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counted("3\n5")).hasReplyLines("3", "5"));

        Assertions.assertThat(error).hasMessageStartingWith(
                        "expected 2 lines from counter:7000 but line 2 differs, and it is the last one, without \\n (")
                .hasMessageContaining("  expected line 2: \"5\\n\"\n  received line 2: \"5\"\n")
                .hasMessageContaining("reply mismatch at offset 3: expected 4 bytes, received 3 bytes");
    }

    @Test
    void anIncompleteReplyFailsHasReplyLines() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counter("3\n", ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT)).hasReplyLines("3", "5"));

        Assertions.assertThat(error).hasMessageStartingWith("expected a complete reply from counter:7000 but the server replied")
                .hasMessageContaining("Received so far:\nreply mismatch at offset 2");
    }

    @Test
    void anExpectedLineWithANewlineIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(counted("3\n5\n")).hasReplyLines("3\n5"))
                .withMessageStartingWith("expected line 1 contains a newline: give each line without its \\n");
    }

    @Test
    void aWrongLineCountFailsHasReplyLineCount() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(counted("3\n5\n")).hasReplyLineCount(3));

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo(3);
        Assertions.assertThat(error.getActual().getValue()).isEqualTo(2);
        Assertions.assertThat(error).hasMessage("""
                expected 3 lines ending in \\n from counter:7000 but the reply has 2 \
                (the exchange ended as REPLIED: the server replied and closed the connection).
                  received: "3\\n5\\n" (4 bytes)
                  hex:      33 0a 35 0a""");
    }

    @Test
    void aTrailingPartialLineFailsHasReplyLineCountWhateverTheCount() {
        for (int count : new int[] {1, 2}) {
            AssertionError error = catchThrowableOfType(AssertionError.class,
                    () -> assertThat(counted("3\n5")).hasReplyLineCount(count));

            Assertions.assertThat(error).as("count %d", count)
                    .hasMessageContaining("but the reply has 1 and then a partial line without \\n, \"5\" (1 bytes), which fails the check")
                    .hasMessageContaining("hex:      33 0a 35");
        }
    }

    @Test
    void anIncompleteReplyFailsHasReplyLineCount() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counter("3\n5\n", ExchangeOutcome.REPLY_NOT_CLOSED_WITHIN_TIMEOUT)).hasReplyLineCount(2));

        Assertions.assertThat(error).hasMessageStartingWith("expected a complete reply from counter:7000")
                .hasMessageEndingWith("Received so far:\n  received: \"3\\n5\\n\" (4 bytes)\n  hex:      33 0a 35 0a");
    }

    @Test
    void aNegativeLineCountIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> assertThat(counted("")).hasReplyLineCount(-1))
                .withMessage("a line count cannot be negative, was -1");
    }

    @Test
    void aFailedPredicateFailsHasReplyMatchingWithItsDescriptionAndTheReply() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counted("3\nfive\n")).hasReplyMatching(r -> new String(r, UTF_8).matches("(\\d+\n)+"),
                        "one number per line"));

        Assertions.assertThat(error).hasMessage("""
                expected the reply from counter:7000 to match 'one number per line' but it does not \
                (the exchange ended as REPLIED: the server replied and closed the connection).
                  received: "3\\nfive\\n" (7 bytes)
                  hex:      33 0a 66 69 76 65 0a""");
    }

    @Test
    void anIncompleteReplyFailsHasReplyMatchingWithoutAskingThePredicate() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counter("", ExchangeOutcome.NO_REPLY_WITHIN_TIMEOUT)).hasReplyMatching(r -> {
                    throw new IllegalStateException("the predicate must not see an incomplete reply");
                }, "anything"));

        Assertions.assertThat(error).hasMessageStartingWith("expected a complete reply from counter:7000 but no reply within the reply timeout")
                .hasMessageNotContaining("Received so far");
    }

    @Test
    void describedAsPrefixesAReplyCheck() {
        AssertionError error = catchThrowableOfType(AssertionError.class,
                () -> assertThat(counted("3\n6\n")).as("counter").hasReply("3\n5\n"));

        Assertions.assertThat(error).hasMessageStartingWith("[counter] the reply from counter:7000 is not the expected one");
    }
}
