package dev.tpharness.assertions;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Predicate;

import org.assertj.core.api.AbstractAssert;

import dev.tpharness.probe.EchoDiff;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.ExchangeOutcome;

/**
 * Checks on an {@link EchoExchange}; see {@link EchoExchangeAssert} and
 * {@link HarnessAssertions#assertThat(EchoExchange)}.
 *
 * <p>An echo is checked with {@link #isByteExact()}; any other request/reply protocol with
 * {@link #hasReply(String)}, {@link #hasReplyLines(String...)}, {@link #hasReplyLineCount(int)} or
 * {@link #hasReplyMatching(Predicate, String)}. Every reply check first requires a complete reply
 * (the server closed the connection, as {@link ExchangeOutcome#isComplete()} says), so a server that
 * would have sent more never passes on what came before the timeout.
 *
 * @param <SELF>   the concrete assert type, returned by every check
 * @param <ACTUAL> the exchange type
 */
public abstract class AbstractEchoExchangeAssert<SELF extends AbstractEchoExchangeAssert<SELF, ACTUAL>, ACTUAL extends EchoExchange>
        extends AbstractAssert<SELF, ACTUAL> {

    /** Largest number of bytes of each side handed to the IDE diff (the message always shows a window). */
    private static final int DIFF_LIMIT = 64 * 1024;

    protected AbstractEchoExchangeAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies that the server replied with exactly the bytes sent and closed the connection.
     * A wrong reply fails with an opentest4j {@code AssertionFailedError} whose expected/actual
     * are the escaped payload and reply (IDEs show a diff) and whose message gives the lengths,
     * the first differing offset and hex around it.
     *
     * <pre>{@code
     * // passes: echo-ok returns "hello\n"
     * assertThat(probe.send("server", 12345, "hello\n")).isByteExact();
     * // fails: echo-trim returns "hello" ->
     * //   echo mismatch at offset 5: sent 6 bytes, received 5 bytes (the reply stops where the payload goes on) ...
     * assertThat(probe.send("trim", 12345, "hello\n")).isByteExact();
     * }</pre>
     */
    public SELF isByteExact() {
        isNotNull();
        if (!actual.outcome().isComplete()) {
            failWithMessage("%s", "expected a byte-exact echo, but " + actual.outcome().description() + ".\n"
                    + actual.summary()
                    + (actual.reply().length > 0 ? "\nReceived so far:\n" + actual.mismatchReport() : ""));
        }
        if (!actual.isByteExact()) {
            byte[] sent = actual.payload();
            byte[] received = actual.reply();
            failWithActualExpectedAndMessage(
                    EchoDiff.escape(received, 0, DIFF_LIMIT), EchoDiff.escape(sent, 0, DIFF_LIMIT),
                    "%s", "expected a byte-exact echo from " + actual.target() + " but got a different reply.\n"
                            + actual.mismatchReport());
        }
        return myself;
    }

    /**
     * Verifies that the exchange completed (the server replied and closed) within {@code limit}.
     * The elapsed time includes the probe's own overhead (tens of milliseconds).
     *
     * <pre>{@code
     * // passes: echo-ok answers in well under a second
     * assertThat(probe.send("server", 12345, "hi\n")).repliedWithin(Duration.ofSeconds(2));
     * // fails: a server that never answers ends as NO_REPLY_WITHIN_TIMEOUT
     * assertThat(probe.send("mute", 12345, "hi\n")).repliedWithin(Duration.ofSeconds(2));
     * }</pre>
     */
    public SELF repliedWithin(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        isNotNull();
        if (!actual.outcome().isComplete()) {
            failWithMessage("%s", "expected a reply within " + limit.toMillis() + " ms, but "
                    + actual.outcome().description() + ".\n" + actual.summary());
        }
        if (actual.elapsed().compareTo(limit) > 0) {
            failWithMessage("%s", "expected a reply within " + limit.toMillis() + " ms, but it took "
                    + actual.elapsed().toMillis() + " ms.\n" + actual.summary());
        }
        return myself;
    }

    /**
     * Verifies how the exchange ended.
     *
     * <pre>{@code
     * // passes: nothing listens on port 9
     * assertThat(probe.send("server", 9, "hi\n")).hasOutcome(ExchangeOutcome.CONNECTION_REFUSED);
     * // fails: echo-ok replies
     * assertThat(probe.send("server", 12345, "hi\n")).hasOutcome(ExchangeOutcome.CONNECTION_REFUSED);
     * }</pre>
     */
    public SELF hasOutcome(ExchangeOutcome expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.outcome() != expected) {
            failWithActualExpectedAndMessage(actual.outcome(), expected, "%s",
                    "expected the exchange to end as " + expected + " (" + expected.description() + ") but it ended as "
                            + actual.outcome() + ".\n" + actual.summary());
        }
        return myself;
    }

    /**
     * Verifies that the reply is complete (the server closed the connection) and equals
     * {@code expected}, byte for byte: {@link #isByteExact()} for a protocol that is not an echo.
     * A wrong reply fails with an opentest4j {@code AssertionFailedError} whose expected/actual are
     * both sides escaped and whose message names the target, the outcome and the same offset diff
     * as an echo mismatch ({@link EchoDiff#replyMismatch}).
     *
     * <pre>{@code
     * // passes: a line-length counter answers "abc\nhello\n" with "3\n5\n"
     * assertThat(probe.send("counter", 7000, "abc\nhello\n")).hasReply("3\n5\n".getBytes(UTF_8));
     * // fails: reply mismatch at offset 2: expected 4 bytes, received 4 bytes ...
     * assertThat(probe.send("counter", 7000, "abc\nhello!\n")).hasReply("3\n5\n".getBytes(UTF_8));
     * }</pre>
     */
    public SELF hasReply(byte[] expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        return hasExactReply(expected, received -> "the reply from " + actual.target() + " is not the expected one (" + ended() + ").\n");
    }

    /**
     * {@link #hasReply(byte[])} with the UTF-8 bytes of {@code expected}, exactly as given (no
     * newline is added).
     *
     * <pre>{@code
     * assertThat(probe.send("counter", 7000, "abc\nhello\n")).hasReply("3\n5\n");
     * }</pre>
     */
    public SELF hasReply(String expected) {
        Objects.requireNonNull(expected, "expected");
        return hasReply(expected.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Verifies that the reply is complete and is exactly these lines, each followed by {@code \n}
     * (give the lines without it; UTF-8). No lines means an empty reply. A failure names the first
     * line that differs, shows it on both sides, and adds the offset diff of the whole reply; a
     * last line without its newline is a difference. A line that contains {@code \n} is an
     * {@code IllegalArgumentException}.
     *
     * <pre>{@code
     * // passes: "3\n5\n"
     * assertThat(probe.send("counter", 7000, "abc\nhello\n")).hasReplyLines("3", "5");
     * // fails: expected 2 lines from counter:7000 but line 2 differs ...
     * assertThat(probe.send("counter", 7000, "abc\nhello!\n")).hasReplyLines("3", "5");
     * }</pre>
     */
    public SELF hasReplyLines(String... expectedLines) {
        byte[] expected = ReplyLines.join(expectedLines);
        isNotNull();
        return hasExactReply(expected, received -> linesMismatch(expectedLines.length, ReplyLines.of(expected), ReplyLines.of(received)));
    }

    /**
     * Verifies that the reply is complete and is exactly {@code expected} lines, each ending in
     * {@code \n}. Bytes after the last newline (a partial line) fail the check whatever the
     * count, and the message says so: a protocol of lines that forgets the last newline is
     * wrong, not one line shorter. A negative count is an {@code IllegalArgumentException}.
     *
     * <pre>{@code
     * // passes: "3\n5\n" is 2 lines
     * assertThat(probe.send("counter", 7000, "abc\nhello\n")).hasReplyLineCount(2);
     * // fails: "3\n5" is 1 line and a partial line "5"
     * }</pre>
     */
    public SELF hasReplyLineCount(int expected) {
        if (expected < 0) {
            throw new IllegalArgumentException("a line count cannot be negative, was " + expected);
        }
        isNotNull();
        byte[] received = actual.reply();
        requireCompleteReply(() -> EchoDiff.describeReply(received));
        ReplyLines lines = ReplyLines.of(received);
        if (lines.terminatedCount() != expected || lines.hasPartialLine()) {
            byte[] partial = lines.partialLine();
            failWithActualExpectedAndMessage(lines.terminatedCount(), expected, "%s",
                    "expected " + lines(expected) + " ending in \\n from " + actual.target() + " but the reply has "
                            + lines.terminatedCount()
                            + (partial.length == 0 ? ""
                                    : " and then a partial line without \\n, " + EchoDiff.escape(partial, 0, 80) + " ("
                                            + partial.length + " bytes), which fails the check")
                            + " (" + ended() + ").\n" + EchoDiff.describeReply(received));
        }
        return myself;
    }

    /**
     * Verifies that the reply is complete and {@code predicate} accepts it (it gets a copy of the
     * reply bytes). The failure names {@code description} and shows the reply escaped and in hex.
     *
     * <pre>{@code
     * // passes: every line of "3\n5\n" is digits
     * assertThat(probe.send("counter", 7000, "abc\nhello\n"))
     *         .hasReplyMatching(r -> new String(r, UTF_8).matches("(\\d+\n)+"), "one number per line");
     * // fails: expected the reply from counter:7000 to match 'one number per line' but it does not ...
     * }</pre>
     *
     * @param description what the predicate accepts, as the words after "to match"
     */
    public SELF hasReplyMatching(Predicate<? super byte[]> predicate, String description) {
        Objects.requireNonNull(predicate, "predicate");
        Objects.requireNonNull(description, "description");
        isNotNull();
        byte[] received = actual.reply();
        requireCompleteReply(() -> EchoDiff.describeReply(received));
        if (!predicate.test(received)) {
            failWithMessage("%s", "expected the reply from " + actual.target() + " to match '" + description
                    + "' but it does not (" + ended() + ").\n" + EchoDiff.describeReply(received));
        }
        return myself;
    }

    /**
     * The reply is complete and is {@code expected} byte for byte; otherwise a failure with both
     * sides escaped as expected/actual and a message of {@code headline} (given the reply) and the
     * offset diff.
     */
    private SELF hasExactReply(byte[] expected, java.util.function.Function<byte[], String> headline) {
        byte[] received = actual.reply();
        requireCompleteReply(() -> EchoDiff.replyMismatch(expected, received));
        if (!Arrays.equals(expected, received)) {
            failWithActualExpectedAndMessage(
                    EchoDiff.escape(received, 0, DIFF_LIMIT), EchoDiff.escape(expected, 0, DIFF_LIMIT),
                    "%s", headline.apply(received) + EchoDiff.replyMismatch(expected, received));
        }
        return myself;
    }

    /** Fails unless the server closed the connection: a reply check needs the whole reply. */
    private void requireCompleteReply(java.util.function.Supplier<String> receivedSoFar) {
        if (!actual.outcome().isComplete()) {
            String said = actual.probeOutput().isBlank() ? "" : "\nprobe said: " + actual.probeOutput().strip();
            failWithMessage("%s", "expected a complete reply from " + actual.target() + " but "
                    + actual.outcome().description() + " (" + actual.outcome() + ", after " + actual.elapsed().toMillis()
                    + " ms); a reply is complete when the server closes the connection." + said
                    + (actual.reply().length > 0 ? "\nReceived so far:\n" + receivedSoFar.get() : ""));
        }
    }

    /** "the exchange ended as REPLIED: the server replied and closed the connection" */
    private String ended() {
        return "the exchange ended as " + actual.outcome() + ": " + actual.outcome().description();
    }

    /** The headline of a line-by-line mismatch: the first differing line on both sides. */
    private String linesMismatch(int expectedCount, ReplyLines expected, ReplyLines received) {
        int k = 0;
        while (k < expected.size() && k < received.size() && Arrays.equals(expected.line(k), received.line(k))) {
            k++;
        }
        String what;
        if (k >= received.size()) {
            what = "line " + (k + 1) + " is missing: the reply " + (k == 0 ? "is empty" : "ends after line " + k);
        } else if (k >= expected.size()) {
            what = "the reply goes on after line " + k;
        } else if (received.hasPartialLine() && k == received.size() - 1) {
            what = "line " + (k + 1) + " differs, and it is the last one, without \\n";
        } else {
            what = "line " + (k + 1) + " differs";
        }
        String line = "line " + (k + 1) + ": ";
        return "expected " + lines(expectedCount) + " from " + actual.target() + " but " + what + " (" + ended() + ").\n"
                + "  expected " + line + (k < expected.size() ? EchoDiff.escape(expected.line(k), 0, 160) : "(none)") + "\n"
                + "  received " + line + (k < received.size() ? EchoDiff.escape(received.line(k), 0, 160) : "(none)") + "\n";
    }

    private static String lines(int n) {
        return n + (n == 1 ? " line" : " lines");
    }
}
