package dev.tpharness.compose;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A compose (or docker) command that failed or did not finish in time. The message names the
 * whole command line, the exit code or the timeout, and the last lines of its stdout and stderr.
 */
public class ComposeCommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    static final int TAIL_LINES = 40;

    private final List<String> command;
    private final Integer exitCode;
    private final String stdoutTail;
    private final String stderrTail;

    ComposeCommandException(List<String> command, Integer exitCode, Duration timedOutAfter,
                            String stdout, String stderr, Throwable cause) {
        super(message(command, exitCode, timedOutAfter, tail(stdout), tail(stderr), cause), cause);
        this.command = List.copyOf(command);
        this.exitCode = exitCode;
        this.stdoutTail = tail(stdout);
        this.stderrTail = tail(stderr);
    }

    /** A failure around Docker that involved no command line (an engine that does not answer, say). */
    public ComposeCommandException(String message) {
        super(message);
        this.command = List.of();
        this.exitCode = null;
        this.stdoutTail = "";
        this.stderrTail = "";
    }

    private ComposeCommandException(ComposeCommandException original, String note) {
        super(original.getMessage() + "\n" + note, original.getCause());
        this.command = original.command;
        this.exitCode = original.exitCode;
        this.stdoutTail = original.stdoutTail;
        this.stderrTail = original.stderrTail;
        setStackTrace(original.getStackTrace());
    }

    /** The same failure with a line of explanation added to the message. */
    ComposeCommandException withNote(String note) {
        return new ComposeCommandException(this, note);
    }

    /** The full command line that was run (empty when no command was involved). */
    public List<String> command() {
        return command;
    }

    /** The exit code, or empty when the command timed out or could not be started. */
    public Optional<Integer> exitCode() {
        return Optional.ofNullable(exitCode);
    }

    /** At most the last 40 lines the command wrote to stdout. */
    public String stdoutTail() {
        return stdoutTail;
    }

    /** At most the last 40 lines the command wrote to stderr. */
    public String stderrTail() {
        return stderrTail;
    }

    private static String message(List<String> command, Integer exitCode, Duration timedOutAfter,
                                  String out, String err, Throwable cause) {
        StringBuilder sb = new StringBuilder("command failed: ").append(String.join(" ", command)).append('\n');
        if (timedOutAfter != null) {
            sb.append("  timed out after ").append(ComposeCli.human(timedOutAfter)).append(" and was killed\n");
        } else if (exitCode != null) {
            sb.append("  exit code ").append(exitCode).append('\n');
        } else {
            sb.append("  could not be run: ").append(cause).append('\n');
        }
        sb.append("  --- stdout (last ").append(TAIL_LINES).append(" lines) ---\n").append(indent(out));
        sb.append("  --- stderr (last ").append(TAIL_LINES).append(" lines) ---\n").append(indent(err));
        return sb.toString();
    }

    private static String indent(String text) {
        if (text.isEmpty()) {
            return "  (empty)\n";
        }
        StringBuilder sb = new StringBuilder();
        text.lines().forEach(l -> sb.append("  ").append(l).append('\n'));
        return sb.toString();
    }

    static String tail(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
    }
}
