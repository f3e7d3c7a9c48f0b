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
            "0,   8999,  10, GRACEFUL",
            "0,   9000,  10, KILLED_AFTER_GRACE",
            "0,   10050, 10, KILLED_AFTER_GRACE",
            "143, 20,    10, SIGTERM_NOT_HANDLED",
            "137, 10020, 10, KILLED_AFTER_GRACE",
            "137, 15,    10, KILLED_AFTER_GRACE",
            "3,   25,    10, CRASHED",
            "1,   10010, 10, KILLED_AFTER_GRACE",
            "0,   1700,  2,  GRACEFUL",
            "0,   1800,  2,  KILLED_AFTER_GRACE",
            "0,   59000, 60, KILLED_AFTER_GRACE",
            "0,   58900, 60, GRACEFUL"})
    void classifiesByExitCodeAndTiming(int code, long millis, long grace, StopVerdict expected) {
        assertThat(StopReport.of(exited(code, millis, grace)).verdict()).isEqualTo(expected);
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
        assertThat(StopReport.classify(Optional.of(137), Optional.of(Duration.ofMillis(5)), Duration.ofSeconds(10), true))
                .isEqualTo(StopVerdict.CRASHED);
    }

    @Test
    void anExitWithUnknownTimingIsJudgedByItsCode() {
        assertThat(StopReport.classify(Optional.of(0), Optional.empty(), Duration.ofSeconds(10), false))
                .isEqualTo(StopVerdict.GRACEFUL);
    }

    @Test
    void toleranceIsATenthOfTheGraceBetween200MillisAndOneSecond() {
        assertThat(StopReport.toleranceFor(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(200));
        assertThat(StopReport.toleranceFor(Duration.ofSeconds(5))).isEqualTo(Duration.ofMillis(500));
        assertThat(StopReport.toleranceFor(Duration.ofSeconds(30))).isEqualTo(Duration.ofSeconds(1));
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
