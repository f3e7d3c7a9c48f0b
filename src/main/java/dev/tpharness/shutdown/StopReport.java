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
 * {@link StopVerdict#SIGTERM_NOT_HANDLED}; any other exit at or after
 * {@code grace - tolerance(grace)}: {@link StopVerdict#KILLED_AFTER_GRACE} (the exit came with the
 * SIGKILL, e.g. through an init that maps it to another code, or only just before it); 0:
 * {@link StopVerdict#GRACEFUL}; anything else: {@link StopVerdict#CRASHED}.
 * The {@linkplain #toleranceFor tolerance} is a tenth of the grace period, at least 200 ms and at
 * most 1 s: it absorbs the delay between the host's clock reading at the signal and Docker's
 * {@code FinishedAt}.
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
        return classify(o.exitCode(), o.timeToStop(), o.grace(), o.oomKilled());
    }

    /**
     * The verdict for the exit of a container that was running when the signal was sent (see the
     * class documentation for the rules; an exit before the signal needs the whole observation:
     * {@link #classify(StopObservation)}).
     */
    public static StopVerdict classify(Optional<Integer> exitCode, Optional<Duration> timeToStop, Duration grace,
            boolean oomKilled) {
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
        boolean atGrace = timeToStop.map(t -> t.compareTo(grace.minus(toleranceFor(grace))) >= 0).orElse(false);
        if (atGrace) {
            return StopVerdict.KILLED_AFTER_GRACE;
        }
        return code == 0 ? StopVerdict.GRACEFUL : StopVerdict.CRASHED;
    }

    /** How close to the end of the grace period an exit counts as "at the grace period": grace/10 in [200 ms, 1 s]. */
    public static Duration toleranceFor(Duration grace) {
        Duration tenth = grace.dividedBy(10);
        Duration min = Duration.ofMillis(200);
        Duration max = Duration.ofSeconds(1);
        return tenth.compareTo(min) < 0 ? min : tenth.compareTo(max) > 0 ? max : tenth;
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
                + (oomKilled() ? ", OOM-killed" : ", not OOM-killed");
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
