package dev.tpharness.assertions;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

import org.assertj.core.api.AbstractAssert;

import dev.tpharness.logs.LogCondition;
import dev.tpharness.logs.LogLine;
import dev.tpharness.logs.LogStream;

/**
 * Checks on what a {@link LogStream} holds now (to wait for lines, use {@link LogStream#await});
 * see {@link LogStreamAssert} and {@link HarnessAssertions#assertThat(LogStream)}.
 *
 * @param <SELF>   the concrete assert type, returned by every check
 * @param <ACTUAL> the stream type
 */
public abstract class AbstractLogStreamAssert<SELF extends AbstractLogStreamAssert<SELF, ACTUAL>, ACTUAL extends LogStream>
        extends AbstractAssert<SELF, ACTUAL> {

    protected AbstractLogStreamAssert(ACTUAL actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Verifies the stream already holds lines satisfying {@code condition}.
     *
     * <pre>{@code
     * // passes: the client logged its five messages
     * assertThat(clientLog).hasLogged(action("receive_message").result("success").count(5));
     * // fails, quoting the last lines: the client logged only connect failures
     * assertThat(clientLog).hasLogged(action("loop_finished").result("success"));
     * }</pre>
     */
    public SELF hasLogged(LogCondition condition) {
        Objects.requireNonNull(condition, "condition");
        isNotNull();
        if (!actual.has(condition)) {
            failWithMessage("%s", actual.describeFailure(condition, "so far"));
        }
        return myself;
    }

    /**
     * Verifies every protocol line follows the contract: result is success, fail or in_progress,
     * every field is {@code key: value} with a snake_case key.
     *
     * <pre>{@code
     * // passes for a log of conforming lines
     * assertThat(serverLog).hasNoNonConformingLines();
     * // fails on "action: shutdown | result: server_shutdown", naming the line and the rule
     * assertThat(serverLog).hasNoNonConformingLines();
     * }</pre>
     */
    public SELF hasNoNonConformingLines() {
        isNotNull();
        List<LogLine> bad = actual.nonConformingLines();
        if (!bad.isEmpty()) {
            failWithMessage("%s", "expected every protocol line of " + actual.service()
                    + " to follow the contract, but " + bad.size() + (bad.size() == 1 ? " does not" : " do not") + ":\n"
                    + bad.stream().map(l -> "  " + LogLine.stripAnsi(l.raw()).strip() + "\n    -> "
                            + String.join("; ", l.violations())).collect(Collectors.joining("\n")));
        }
        return myself;
    }
}
