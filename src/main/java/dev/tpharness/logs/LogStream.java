package dev.tpharness.logs;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The log of one service as it arrives: a {@link Consumer} of lines (plug it into the stack's
 * {@code followLogs(service, stream)}), keeping every protocol line parsed and a bounded tail of
 * raw lines, with {@link #await} to wait for a {@link LogCondition}.
 *
 * <pre>{@code
 * LogStream client = new LogStream("client1");
 * stack.followLogs("client1", client);
 * client.await(action("loop_finished").result("success"), Duration.ofSeconds(30));
 * }</pre>
 *
 * <p>Thread-safe: one thread may feed it while others read or wait. Each {@link #accept} call
 * takes one or more complete lines (split on newlines); partial lines are not joined.
 */
public final class LogStream implements Consumer<String> {

    /** Raw lines kept by default for failure messages. */
    public static final int DEFAULT_RAW_TAIL = 200;
    /** Lines quoted in a timeout message. */
    static final int LINES_IN_MESSAGE = 20;

    private final String service;
    private final int rawTailCapacity;
    private final List<LogLine> protocolLines = new ArrayList<>();
    private final Deque<String> rawTail = new ArrayDeque<>();
    private long rawLineCount;
    private boolean ended;
    private String endReason;

    /** A stream for {@code service} keeping the last {@value #DEFAULT_RAW_TAIL} raw lines. */
    public LogStream(String service) {
        this(service, DEFAULT_RAW_TAIL);
    }

    /** A stream for {@code service} keeping the last {@code rawTailCapacity} raw lines. */
    public LogStream(String service, int rawTailCapacity) {
        this.service = Objects.requireNonNull(service, "service");
        if (rawTailCapacity < 1) {
            throw new IllegalArgumentException("rawTailCapacity must be at least 1, was " + rawTailCapacity);
        }
        this.rawTailCapacity = rawTailCapacity;
    }

    /** A stream for {@code service} fed with a whole log at once (e.g. {@code docker logs} output), then ended. */
    public static LogStream of(String service, String wholeLog) {
        LogStream stream = new LogStream(service);
        stream.accept(wholeLog);
        stream.markEnded();
        return stream;
    }

    /** Takes one or more lines; blank lines are kept in the raw tail only. */
    @Override
    public void accept(String lines) {
        if (lines == null || lines.isEmpty()) {
            return;
        }
        String[] split = lines.split("\r?\n", -1);
        int n = lines.endsWith("\n") ? split.length - 1 : split.length;
        synchronized (this) {
            for (int i = 0; i < n; i++) {
                String raw = split[i];
                rawLineCount++;
                rawTail.addLast(raw);
                if (rawTail.size() > rawTailCapacity) {
                    rawTail.removeFirst();
                }
                LogLine.parse(raw).ifPresent(protocolLines::add);
            }
            notifyAll();
        }
    }

    /**
     * Says no more lines will come (the container stopped, the follow ended): pending and later
     * {@link #await} calls fail at once instead of waiting out their timeout.
     */
    public synchronized void markEnded() {
        ended = true;
        notifyAll();
    }

    /**
     * {@link #markEnded()}, saying why (e.g. {@code service client1 exited (code 3 at ...)}): the
     * reason is part of every later failure message. The first reason given is kept.
     */
    public synchronized void markEnded(String reason) {
        if (endReason == null && reason != null && !reason.isBlank()) {
            endReason = reason.strip();
        }
        markEnded();
    }

    /** Why the stream ended, if it has and a reason was given. */
    public synchronized java.util.Optional<String> endReason() {
        return java.util.Optional.ofNullable(endReason);
    }

    public String service() {
        return service;
    }

    public synchronized boolean hasEnded() {
        return ended;
    }

    /** A snapshot of every protocol line so far, in order. */
    public synchronized List<LogLine> lines() {
        return List.copyOf(protocolLines);
    }

    /** A snapshot of the last raw lines (at most the capacity), in order. */
    public synchronized List<String> rawTail() {
        return List.copyOf(rawTail);
    }

    /** How many raw lines have arrived so far. */
    public synchronized long rawLineCount() {
        return rawLineCount;
    }

    /** The protocol lines that break the contract (see {@link LogLine#violations()}). */
    public synchronized List<LogLine> nonConformingLines() {
        return protocolLines.stream().filter(l -> !l.isContractConforming()).toList();
    }

    /** The protocol lines matching {@code condition} so far. */
    public synchronized List<LogLine> matching(LogCondition condition) {
        return condition.matchingLines(protocolLines);
    }

    /** Whether {@code condition} is met by the lines so far. */
    public synchronized boolean has(LogCondition condition) {
        return condition.isSatisfiedBy(protocolLines);
    }

    /**
     * Waits until {@code condition} is met and returns the matching lines.
     *
     * @throws LogTimeoutError when {@code timeout} passes, or the stream {@linkplain #markEnded() ends},
     *                         first (at once, then); its message names the service, the condition, why the
     *                         log ended (e.g. the service exited, with its code) and the last lines
     */
    public List<LogLine> await(LogCondition condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        Objects.requireNonNull(timeout, "timeout");
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.isSatisfiedBy(protocolLines)) {
                long left = deadline - System.nanoTime();
                if (ended) {
                    throw new LogTimeoutError(describeFailure(condition, "before its log ended"));
                }
                if (left <= 0) {
                    throw new LogTimeoutError(describeFailure(condition, "within " + format(timeout)));
                }
                try {
                    wait(Math.max(1, left / 1_000_000), 0);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new LogTimeoutError(describeFailure(condition, "before the waiting thread was interrupted"));
                }
            }
            return condition.matchingLines(protocolLines);
        }
    }

    /**
     * The evidence for a condition that is not met: service, condition, counts and the last raw
     * lines. Used by {@link #await} and the log assertions.
     */
    public synchronized String describeFailure(LogCondition condition, String when) {
        int found = condition.matchingLines(protocolLines).size();
        List<String> tail = new ArrayList<>(rawTail);
        List<String> last = tail.subList(Math.max(0, tail.size() - LINES_IN_MESSAGE), tail.size());
        StringBuilder sb = new StringBuilder()
                .append(service).append(" did not log ").append(condition).append(' ').append(when)
                .append(": found ").append(found).append(found == 1 ? " matching line" : " matching lines")
                .append(" among ").append(protocolLines.size()).append(" protocol lines (")
                .append(rawLineCount).append(" lines in all")
                .append(ended ? "; the log has ended" + (endReason == null ? "" : ": " + endReason) : "").append(").");
        if (last.isEmpty()) {
            sb.append("\nNo line was seen: is the service running and its log followed?");
        } else {
            sb.append("\nLast ").append(last.size()).append(last.size() == 1 ? " line" : " lines").append(" seen:");
            last.forEach(l -> sb.append("\n  ").append(LogLine.stripAnsi(l)));
        }
        return sb.toString();
    }

    private static String format(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    @Override
    public synchronized String toString() {
        return "LogStream[" + service + ": " + protocolLines.size() + " protocol lines of " + rawLineCount + "]";
    }
}
