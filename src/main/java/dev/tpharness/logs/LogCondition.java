package dev.tpharness.logs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * What a log should contain: at least {@link #minimumCount()} protocol lines that match. Built by
 * {@link LogConditions} and refined fluently; immutable, every refinement returns a new condition.
 *
 * <pre>{@code
 * LogConditions.action("loop_finished").result("success")          // "a line with action 'loop_finished', result 'success'"
 * LogConditions.action("receive_message").result("success").count(5)
 * LogConditions.action("receive_message").field("client_id", "1")
 * }</pre>
 */
public final class LogCondition {

    private final List<String> parts;
    private final Predicate<LogLine> predicate;
    private final int minimumCount;

    LogCondition(List<String> parts, Predicate<LogLine> predicate, int minimumCount) {
        this.parts = List.copyOf(parts);
        this.predicate = Objects.requireNonNull(predicate, "predicate");
        this.minimumCount = minimumCount;
    }

    /** Also requires {@code result: <result>}. */
    public LogCondition result(String result) {
        Objects.requireNonNull(result, "result");
        return refine("result '" + result + "'", line -> line.result().equals(result));
    }

    /** Also requires the field {@code key} with exactly this value. */
    public LogCondition field(String key, String value) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        return refine(key + " '" + value + "'", line -> line.field(key).filter(value::equals).isPresent());
    }

    /** Also requires the line to match {@code predicate}; {@code description} is appended to the description, e.g. "a msg field". */
    public LogCondition and(String description, Predicate<LogLine> predicate) {
        Objects.requireNonNull(predicate, "predicate");
        return refine(Objects.requireNonNull(description, "description"), predicate);
    }

    /** Requires at least {@code atLeast} matching lines (default 1). */
    public LogCondition count(int atLeast) {
        if (atLeast < 1) {
            throw new IllegalArgumentException("count must be at least 1, was " + atLeast);
        }
        return new LogCondition(parts, predicate, atLeast);
    }

    /** Whether this one line matches (ignoring the count). */
    public boolean matches(LogLine line) {
        return predicate.test(line);
    }

    public int minimumCount() {
        return minimumCount;
    }

    /** The matching lines among {@code lines}, in order. */
    public List<LogLine> matchingLines(Collection<LogLine> lines) {
        return lines.stream().filter(predicate).toList();
    }

    /** Whether at least {@link #minimumCount()} of {@code lines} match. */
    public boolean isSatisfiedBy(Collection<LogLine> lines) {
        return lines.stream().filter(predicate).limit(minimumCount).count() >= minimumCount;
    }

    private LogCondition refine(String part, Predicate<LogLine> more) {
        List<String> p = new ArrayList<>(parts);
        p.add(part);
        return new LogCondition(p, predicate.and(more), minimumCount);
    }

    /** E.g. {@code at least 5 lines with action 'receive_message', result 'success'}. */
    @Override
    public String toString() {
        String what = parts.isEmpty() ? "" : " with " + String.join(", ", parts);
        return (minimumCount == 1 ? "a line" : "at least " + minimumCount + " lines") + what;
    }
}
