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
