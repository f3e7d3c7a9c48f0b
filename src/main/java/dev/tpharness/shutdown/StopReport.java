package dev.tpharness.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.tpharness.logs.LogLine;
import dev.tpharness.logs.LogStream;

/**
 * The verdict on how one container stopped, with the facts behind it: exit code, time from the
 * signal to the exit, the grace period, the OOM flag and what the container logged after the
 * signal.
 *
 * <pre>{@code
 * StopReport report = StopReport.of(observation);          // observation from the stack's stop/down
 * report.verdict();                                        // GRACEFUL
 * HarnessAssertions.assertThat(report).isGraceful().loggedAfterSignal(action("shutdown").result("success"));
 * }</pre>
 *
 * <h2>Classification</h2>
 * In this order: no exit recorded: {@link StopVerdict#STILL_RUNNING}; an exit that Docker recorded
 * before the stop request ({@link StopObservation#exitedBeforeSignal()}):
 * {@link StopVerdict#EXITED_BEFORE_SIGNAL}, whatever the code; OOM-killed:
 * {@link StopVerdict#CRASHED}; 137: {@link StopVerdict#KILLED_AFTER_GRACE}; 143:
 * {@link StopVerdict#SIGTERM_NOT_HANDLED}; 0: {@link StopVerdict#GRACEFUL}; anything else:
 * {@link StopVerdict#CRASHED}.
 * The exit code decides, not the time: the engine applies the grace with its own clock and its
 * SIGKILL goes to the container's first process, which then ends with 137 whatever init it runs.
 * The time from the signal is read on this host (its stop request to Docker's {@code FinishedAt})
 * and grows with the machine's load: a container that exits 0 at 9.6 s of a 10 s grace on a busy
 * machine was not killed, and one that is killed says so with 137.
 *
 * @param observation the raw facts
 * @param verdict     the classification of those facts
 */
public record StopReport(StopObservation observation, StopVerdict verdict) {

    public StopReport {
        Objects.requireNonNull(observation, "observation");
        Objects.requireNonNull(verdict, "verdict");
    }

    /** Classifies the observation with the default tolerance. */
    public static StopReport of(StopObservation observation) {
        return new StopReport(observation, classify(observation));
    }

    /** The verdict for these facts (see the class documentation for the rules). */
    public static StopVerdict classify(StopObservation o) {
        if (o.exitedBeforeSignal()) {
            return StopVerdict.EXITED_BEFORE_SIGNAL;
        }
        return classify(o.exitCode(), o.oomKilled());
    }

    /**
     * The verdict for the exit of a container that was running when the signal was sent (see the
     * class documentation for the rules; an exit before the signal needs the whole observation:
     * {@link #classify(StopObservation)}).
     */
    public static StopVerdict classify(Optional<Integer> exitCode, boolean oomKilled) {
        if (exitCode.isEmpty()) {
            return StopVerdict.STILL_RUNNING;
        }
        int code = exitCode.get();
        if (oomKilled) {
            return StopVerdict.CRASHED;
        }
        if (code == 137) {
            return StopVerdict.KILLED_AFTER_GRACE;
        }
        if (code == 143) {
            return StopVerdict.SIGTERM_NOT_HANDLED;
        }
        return code == 0 ? StopVerdict.GRACEFUL : StopVerdict.CRASHED;
    }

    public String service() {
        return observation.service();
    }

    public String container() {
        return observation.container();
    }

    public Optional<Integer> exitCode() {
        return observation.exitCode();
    }

    public Optional<Duration> timeToStop() {
        return observation.timeToStop();
    }

    public Duration grace() {
        return observation.grace();
    }

    public boolean oomKilled() {
        return observation.oomKilled();
    }

    /** What the container printed from the signal on. */
    public String logsAfterSignal() {
        return observation.logsAfterSignal();
    }

    /** The protocol lines among {@link #logsAfterSignal()}. */
    public List<LogLine> logLinesAfterSignal() {
        return LogStream.of(service(), logsAfterSignal()).lines();
    }

    public boolean isGraceful() {
        return verdict == StopVerdict.GRACEFUL;
    }

    /**
     * One paragraph for failure messages, e.g.
     * {@code server (tp0-server-1): KILLED_AFTER_GRACE, was still running when ... exit code 137 after 10.02 s, grace 10 s, not OOM-killed}.
     */
    public String summary() {
        if (verdict == StopVerdict.EXITED_BEFORE_SIGNAL) {
            return service() + " (" + container() + "): " + verdict + ", " + verdict.description() + "; it exited with code "
                    + exitCode().map(String::valueOf).orElse("none") + " at " + observation.finishedAt().map(Object::toString).orElse("?")
                    + ", " + observation.exitedBeforeSignalBy().map(StopReport::seconds).orElse("?") + " before the signal (sent at "
                    + observation.signalledAt() + "), grace " + seconds(grace()) + (oomKilled() ? ", OOM-killed" : ", not OOM-killed");
        }
        return service() + " (" + container() + "): " + verdict + ", " + verdict.description() + "; exit code "
                + exitCode().map(String::valueOf).orElse("none") + " after "
                + timeToStop().map(StopReport::seconds).orElse("?") + ", grace " + seconds(grace())
                + (oomKilled() ? ", OOM-killed" : ", not OOM-killed") + clockNote();
    }

    /** For an exit 0 this host timed at or past the grace: why that is no SIGKILL. */
    private String clockNote() {
        boolean pastGrace = timeToStop().map(t -> t.compareTo(grace()) >= 0).orElse(false);
        return verdict == StopVerdict.GRACEFUL && pastGrace
                ? " (timed on this host from its stop request; the engine, which applies the grace, saw the exit before its SIGKILL)"
                : "";
    }

    /** {@link #summary()} plus the logs after the signal (or a note that there were none). */
    public String describe() {
        String logs = logsAfterSignal().strip();
        if (verdict == StopVerdict.EXITED_BEFORE_SIGNAL) {
            String last = observation.fullLog().strip();
            List<String> lines = last.isEmpty() ? List.of() : last.lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 10), lines.size());
            return summary() + (tail.isEmpty() ? "\nIt logged nothing."
                    : "\nIts last " + (tail.size() == 1 ? "line" : tail.size() + " lines") + ":\n  "
                    + LogLine.stripAnsi(String.join("\n", tail)).replace("\n", "\n  "));
        }
        return summary() + (logs.isEmpty()
                ? "\nIt logged nothing after the signal."
                : "\nLogs after the signal:\n  " + LogLine.stripAnsi(logs).replace("\n", "\n  "));
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : String.format(java.util.Locale.ROOT, "%.2f s", ms / 1000.0);
    }

    @Override
    public String toString() {
        return summary();
    }
}
