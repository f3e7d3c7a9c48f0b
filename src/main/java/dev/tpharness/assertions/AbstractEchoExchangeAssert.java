package dev.tpharness.assertions;

import java.time.Duration;
import java.util.Objects;

import org.assertj.core.api.AbstractAssert;

import dev.tpharness.probe.EchoDiff;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.ExchangeOutcome;

/**
 * Checks on an {@link EchoExchange}; see {@link EchoExchangeAssert} and
 * {@link HarnessAssertions#assertThat(EchoExchange)}.
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
}
