package dev.tpharness.shutdown;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StopReportTest {

    private static final Instant SIGNAL = Instant.parse("2026-01-01T10:00:00Z");

    static StopObservation exited(int code, long millis, long graceSeconds) {
        return new StopObservation("server", "tp0-server-1", Duration.ofSeconds(graceSeconds), SIGNAL,
                Optional.of(SIGNAL.plusMillis(millis)), Optional.of(code), false,
                "server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: success\n", "");
    }

    @ParameterizedTest(name = "exit {0} after {1} ms with grace {2} s -> {3}")
    @CsvSource({
            "0,   40,    10, GRACEFUL",
            "0,   3000,  10, GRACEFUL",
            "0,   9610,  10, GRACEFUL",
            "0,   10360, 10, GRACEFUL",
            "143, 20,    10, SIGTERM_NOT_HANDLED",
            "137, 10020, 10, KILLED_AFTER_GRACE",
            "137, 15,    10, KILLED_AFTER_GRACE",
            "3,   25,    10, CRASHED",
            "1,   10010, 10, CRASHED",
            "0,   1800,  2,  GRACEFUL",
            "0,   59000, 60, GRACEFUL"})
    void classifiesByTheExitCodeWhateverTheTimeThisHostRead(int code, long millis, long grace, StopVerdict expected) {
        // the engine applies the grace with its own clock and its SIGKILL ends the first process with 137:
        // an exit 0 that a loaded host timed past the grace (CI read 9.61 s and 10.36 s of 10 s) was not killed
        assertThat(StopReport.of(exited(code, millis, grace)).verdict()).isEqualTo(expected);
    }

    @Test
    void anExit0TimedPastTheGraceSaysWhyItIsNoKill() {
        assertThat(StopReport.of(exited(0, 10360, 10)).summary()).contains("exit code 0 after 10.36 s, grace 10 s")
                .contains("the engine, which applies the grace, saw the exit before its SIGKILL");
        assertThat(StopReport.of(exited(0, 3000, 10)).summary()).doesNotContain("SIGKILL");
    }

    @ParameterizedTest(name = "exit {0} recorded {1} ms before the signal -> EXITED_BEFORE_SIGNAL")
    @CsvSource({"0, 3200", "1, 50", "137, 10", "143, 1"})
    void anExitBeforeTheSignalIsItsOwnVerdictWhateverTheCode(int code, long millisBefore) {
        StopObservation early = exited(code, -millisBefore, 10);

        StopReport report = StopReport.of(early);

        assertThat(report.verdict()).isEqualTo(StopVerdict.EXITED_BEFORE_SIGNAL);
        assertThat(report.isGraceful()).isFalse();
        assertThat(early.exitedBeforeSignal()).isTrue();
        assertThat(early.timeToStop()).as("no time from a signal it never got").isEmpty();
        assertThat(early.exitedBeforeSignalBy()).hasValue(Duration.ofMillis(millisBefore));
    }

    @Test
    void anExitBeforeTheSignalIsSummarisedAsSuchNeverAsAStopAfterZeroSeconds() {
        StopObservation early = new StopObservation("client1", "tph-x-s2", Duration.ofSeconds(10), SIGNAL,
                Optional.of(SIGNAL.minusMillis(3200)), Optional.of(0), false, "",
                "client1 | action: loop_finished | result: success\n");

        StopReport report = StopReport.of(early);

        assertThat(report.summary()).isEqualTo("client1 (tph-x-s2): EXITED_BEFORE_SIGNAL, had exited by itself before the stop signal"
                + " was sent, so it was never signalled; it exited with code 0 at 2026-01-01T09:59:56.800Z, 3.20 s before the signal"
                + " (sent at 2026-01-01T10:00:00Z), grace 10 s, not OOM-killed");
        assertThat(report.summary()).doesNotContain("GRACEFUL").doesNotContain("after 0 s").doesNotContain("SIGTERM was handled");
        assertThat(report.describe()).endsWith("Its last line:\n  client1 | action: loop_finished | result: success");
    }

    @Test
    void anExitAtTheSignalsOwnMillisecondCountsAsAfterIt() {
        assertThat(StopReport.of(exited(0, 0, 10)).verdict()).isEqualTo(StopVerdict.GRACEFUL);
    }

    @Test
    void noExitRecordedIsStillRunning() {
        StopObservation running = new StopObservation("server", "c", Duration.ofSeconds(10), SIGNAL, Optional.empty(),
                Optional.empty(), false, "", "");

        assertThat(StopReport.of(running).verdict()).isEqualTo(StopVerdict.STILL_RUNNING);
    }

    @Test
    void oomKilledIsACrashEvenWith137() {
        assertThat(StopReport.classify(Optional.of(137), true))
                .isEqualTo(StopVerdict.CRASHED);
    }

    @Test
    void anExitIsJudgedByItsCodeAlone() {
        assertThat(StopReport.classify(Optional.of(0), false)).isEqualTo(StopVerdict.GRACEFUL);
        assertThat(StopReport.classify(Optional.empty(), false)).isEqualTo(StopVerdict.STILL_RUNNING);
    }

    @Test
    void summaryAndDescribeCarryTheEvidence() {
        StopReport report = StopReport.of(exited(137, 2013, 2));

        assertThat(report.summary()).isEqualTo("server (tp0-server-1): KILLED_AFTER_GRACE, was still running when the grace "
                + "period ended and was killed (SIGKILL); exit code 137 after 2.01 s, grace 2 s, not OOM-killed");
        assertThat(report.describe()).endsWith("Logs after the signal:\n  server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: success");
    }

    @Test
    void parsesTheProtocolLinesLoggedAfterTheSignal() {
        assertThat(StopReport.of(exited(0, 10, 10)).logLinesAfterSignal()).singleElement()
                .satisfies(l -> assertThat(l.action()).isEqualTo("shutdown"));
    }
}
