package dev.tpharness.internal;

import java.time.Duration;
import java.util.List;

/**
 * What one {@link Command} did.
 *
 * @param command the program and its arguments
 * @param exitCode the exit code (meaningless when {@code timedOut})
 * @param stdout everything it wrote on stdout, decoded as UTF-8
 * @param stderr everything it wrote on stderr, decoded as UTF-8
 * @param duration from start to end (or to the kill)
 * @param timedOut whether it was killed at its timeout
 */
public record CommandResult(List<String> command, int exitCode, String stdout, String stderr, Duration duration,
        boolean timedOut) {

    private static final int TAIL_CHARS = 2_000;

    /** This result, if the command exited 0 in time; otherwise an {@link AssertionError} with {@link #describe()}. */
    public CommandResult requireSuccess() {
        if (timedOut || exitCode != 0) {
            throw new AssertionError("command failed: " + describe());
        }
        return this;
    }

    /** One paragraph for failure messages: the command, how it ended, and the tails of its output. */
    public String describe() {
        String end = timedOut ? "killed after its timeout (" + duration.toMillis() + " ms)"
                : "exit " + exitCode + " after " + duration.toMillis() + " ms";
        return String.join(" ", command) + "\n  " + end
                + "\n  stdout: " + tail(stdout)
                + "\n  stderr: " + tail(stderr);
    }

    /** The last 2000 characters of {@code text}, indented for {@link #describe()}. */
    public static String tail(String text) {
        String t = text.length() <= TAIL_CHARS ? text : "..." + text.substring(text.length() - TAIL_CHARS);
        return t.isEmpty() ? "(empty)" : t.strip().replace("\n", "\n          ");
    }
}
