package dev.tpharness.assertions;

import java.time.Duration;
import java.util.Objects;

import org.assertj.core.api.AbstractAssert;

import dev.tpharness.logs.LogCondition;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;

/**
 * Checks on a {@link StopReport}; see {@link StopReportAssert} and
 * {@link HarnessAssertions#assertThat(StopReport)}. Every failure message carries the report's
 * summary and the container's logs after the signal.
 *
 * @param <SELF>   the concrete assert type, returned by every check
 * @param <ACTUAL> the report type
 */
public abstract class AbstractStopReportAssert<SELF extends AbstractStopReportAssert<SELF, ACTUAL>, ACTUAL extends StopReport>
        extends AbstractAssert<SELF, ACTUAL> {

    protected AbstractStopReportAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies the verdict is {@link StopVerdict#GRACEFUL}: exit code 0 well inside the grace period.
     *
     * <pre>{@code
     * // passes: echo-ok logs its shutdown lines and exits 0 at once
     * assertThat(report).isGraceful();
     * // fails: echo-ignore-term is killed after the grace period ->
     * //   expected server to stop GRACEFUL but it was KILLED_AFTER_GRACE: ... exit code 137 after 2.01 s, grace 2 s ...
     * assertThat(report).isGraceful();
     * }</pre>
     */
    public SELF isGraceful() {
        return hasVerdict(StopVerdict.GRACEFUL);
    }

    /**
     * Verifies the verdict.
     *
     * <pre>{@code
     * // passes for echo-sigterm-143
     * assertThat(report).hasVerdict(StopVerdict.SIGTERM_NOT_HANDLED);
     * // fails for echo-exit3 (CRASHED), showing expected SIGTERM_NOT_HANDLED and actual CRASHED
     * assertThat(report).hasVerdict(StopVerdict.SIGTERM_NOT_HANDLED);
     * }</pre>
     */
    public SELF hasVerdict(StopVerdict expected) {
        Objects.requireNonNull(expected, "expected");
        isNotNull();
        if (actual.verdict() != expected) {
            failWithActualExpectedAndMessage(actual.verdict(), expected, "%s",
                    "expected " + actual.service() + " to stop " + expected + " but it was " + actual.verdict() + ": "
                            + actual.describe());
        }
        return myself;
    }

    /**
     * Verifies the container exited and took at most {@code limit} from the signal to the exit; a
     * container that had exited by itself before the signal fails it, saying so.
     *
     * <pre>{@code
     * // passes: echo-ok exits within milliseconds
     * assertThat(report).stoppedWithin(Duration.ofSeconds(1));
     * // fails: echo-slow-stop needs about 3 s
     * assertThat(report).stoppedWithin(Duration.ofSeconds(1));
     * }</pre>
     */
    public SELF stoppedWithin(Duration limit) {
        Objects.requireNonNull(limit, "limit");
        isNotNull();
        if (actual.verdict() == StopVerdict.EXITED_BEFORE_SIGNAL) {
            failWithMessage("%s", "expected " + actual.service() + " to stop within " + limit.toMillis()
                    + " ms of the signal but it had exited by itself before the signal: " + actual.describe());
        }
        if (actual.timeToStop().isEmpty()) {
            failWithMessage("%s", "expected " + actual.service() + " to stop within " + limit.toMillis()
                    + " ms but it has not stopped: " + actual.describe());
        }
        if (actual.timeToStop().get().compareTo(limit) > 0) {
            failWithMessage("%s", "expected " + actual.service() + " to stop within " + limit.toMillis()
                    + " ms but it took " + actual.timeToStop().get().toMillis() + " ms: " + actual.describe());
        }
        return myself;
    }

    /**
     * Verifies the container had exited by itself before the stop signal was sent
     * ({@link StopVerdict#EXITED_BEFORE_SIGNAL}), e.g. a client whose loop ended; chain
     * {@link #hasExitCode(int)} to judge how its own run ended.
     *
     * <pre>{@code
     * // passes: the client ran its 3 messages and exited 0 before the stack went down
     * assertThat(clientReport).exitedBeforeSignal().hasExitCode(0);
     * // fails for a client still looping when down() signalled it ->
     * //   expected client1 to have exited before the stop signal but it was GRACEFUL: ...
     * }</pre>
     */
    public SELF exitedBeforeSignal() {
        isNotNull();
        if (actual.verdict() != StopVerdict.EXITED_BEFORE_SIGNAL) {
            failWithActualExpectedAndMessage(actual.verdict(), StopVerdict.EXITED_BEFORE_SIGNAL, "%s",
                    "expected " + actual.service() + " to have exited before the stop signal but it was " + actual.verdict() + ": "
                            + actual.describe());
        }
        return myself;
    }

    /**
     * Verifies the exit code.
     *
     * <pre>{@code
     * assertThat(report).hasExitCode(0);   // passes for echo-ok
     * assertThat(report).hasExitCode(0);   // fails for echo-exit3: expected 0, actual 3
     * }</pre>
     */
    public SELF hasExitCode(int expected) {
        isNotNull();
        if (!actual.exitCode().filter(c -> c == expected).isPresent()) {
            failWithActualExpectedAndMessage(actual.exitCode().orElse(null), expected, "%s",
                    "expected " + actual.service() + " to exit with " + expected + ": " + actual.describe());
        }
        return myself;
    }

    /**
     * Verifies that the protocol lines logged after the signal satisfy {@code condition}.
     *
     * <pre>{@code
     * // passes: echo-ok logs "action: shutdown | result: success"
     * assertThat(report).loggedAfterSignal(action("shutdown").result("success"));
     * // fails: echo-sigterm-143 dies without a word
     * assertThat(report).loggedAfterSignal(action("shutdown").result("success"));
     * }</pre>
     */
    public SELF loggedAfterSignal(LogCondition condition) {
        Objects.requireNonNull(condition, "condition");
        isNotNull();
        if (!condition.isSatisfiedBy(actual.logLinesAfterSignal())) {
            failWithMessage("%s", "expected " + actual.service() + " to log " + condition
                    + " after the stop signal, but found " + condition.matchingLines(actual.logLinesAfterSignal()).size()
                    + ". " + actual.describe());
        }
        return myself;
    }
}
