package dev.tpharness.logs;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * Entry points for {@link LogCondition}s, to read like the sentence they check:
 *
 * <pre>{@code
 * import static dev.tpharness.logs.LogConditions.action;
 *
 * clientLog.await(action("loop_finished").result("success"), Duration.ofSeconds(30));
 * serverLog.await(action("receive_message").result("success").count(5), Duration.ofSeconds(30));
 * }</pre>
 */
public final class LogConditions {

    private LogConditions() {
    }

    /** A protocol line with {@code action: <action>}. */
    public static LogCondition action(String action) {
        Objects.requireNonNull(action, "action");
        return new LogCondition(List.of("action '" + action + "'"), line -> line.action().equals(action), 1);
    }

    /** Any protocol line. */
    public static LogCondition anyLine() {
        return new LogCondition(List.of(), line -> true, 1);
    }

    /**
     * A protocol line matching {@code predicate}; {@code description} completes "a line with ..."
     * in failure messages, e.g. {@code line("a msg field", l -> l.field("msg").isPresent())}.
     */
    public static LogCondition line(String description, Predicate<LogLine> predicate) {
        return new LogCondition(List.of(Objects.requireNonNull(description, "description")), predicate, 1);
    }
}
