package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;

class StopReportAssertTest {

    private static final Instant SIGNAL = Instant.parse("2026-01-01T10:00:00Z");
    private static final String SHUTDOWN_LOG = "server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: in_progress\n"
            + "server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: success\n";

    private static StopReport report(int code, long millis, String logs) {
        return StopReport.of(new StopObservation("server", "tp0-server-1", Duration.ofSeconds(2), SIGNAL,
                Optional.of(SIGNAL.plusMillis(millis)), Optional.of(code), false, logs, logs));
    }

    @Test
    void gracefulStopPassesEveryCheck() {
        assertThatCode(() -> assertThat(report(0, 30, SHUTDOWN_LOG)).isGraceful().hasExitCode(0)
                .stoppedWithin(Duration.ofSeconds(1)).loggedAfterSignal(action("shutdown").result("success")))
                .doesNotThrowAnyException();
    }

    @Test
    void killedAfterGraceFailsIsGracefulWithVerdictsAndEvidence() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(report(137, 2010, "")).isGraceful());

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo(StopVerdict.GRACEFUL);
        Assertions.assertThat(error.getActual().getValue()).isEqualTo(StopVerdict.KILLED_AFTER_GRACE);
        Assertions.assertThat(error).hasMessageStartingWith("expected server to stop GRACEFUL but it was KILLED_AFTER_GRACE: ")
                .hasMessageContaining("exit code 137 after 2.01 s, grace 2 s")
                .hasMessageContaining("It logged nothing after the signal.");
    }

    @Test
    void hasVerdictPassesForTheRightVerdictAndFailsForAnother() {
        assertThatCode(() -> assertThat(report(143, 10, "")).hasVerdict(StopVerdict.SIGTERM_NOT_HANDLED)).doesNotThrowAnyException();
        Assertions.assertThat(catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(report(3, 10, "")).hasVerdict(StopVerdict.SIGTERM_NOT_HANDLED)))
                .hasMessageContaining("but it was CRASHED");
    }

    @Test
    void slowStopFailsStoppedWithin() {
        Assertions.assertThat(catchThrowableOfType(AssertionError.class,
                () -> assertThat(report(0, 1500, SHUTDOWN_LOG)).stoppedWithin(Duration.ofSeconds(1))))
                .hasMessageStartingWith("expected server to stop within 1000 ms but it took 1500 ms: ");
    }

    @Test
    void stillRunningFailsStoppedWithin() {
        StopReport running = StopReport.of(new StopObservation("server", "c", Duration.ofSeconds(2), SIGNAL,
                Optional.empty(), Optional.empty(), false, "", ""));

        Assertions.assertThat(catchThrowableOfType(AssertionError.class,
                () -> assertThat(running).stoppedWithin(Duration.ofSeconds(1))))
                .hasMessageContaining("but it has not stopped: server (c): STILL_RUNNING");
    }

    @Test
    void missingShutdownLinesFailLoggedAfterSignal() {
        Assertions.assertThat(catchThrowableOfType(AssertionError.class,
                () -> assertThat(report(0, 30, "server  | bye\n")).loggedAfterSignal(action("shutdown").result("success"))))
                .hasMessageStartingWith("expected server to log a line with action 'shutdown', result 'success' after the stop signal, but found 0.")
                .hasMessageContaining("Logs after the signal:\n  server  | bye");
    }

    @Test
    void wrongExitCodeShowsBoth() {
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(report(3, 30, "")).hasExitCode(0));

        Assertions.assertThat(error.getExpected().getValue()).isEqualTo(0);
        Assertions.assertThat(error.getActual().getValue()).isEqualTo(3);
    }

    @Test
    void aContainerThatExitedBeforeTheSignalFailsIsGracefulAndStoppedWithinSayingSo() {
        StopReport early = report(0, -1500, "");

        AssertionFailedError graceful = catchThrowableOfType(AssertionFailedError.class, () -> assertThat(early).isGraceful());
        Assertions.assertThat(graceful.getActual().getValue()).isEqualTo(StopVerdict.EXITED_BEFORE_SIGNAL);
        Assertions.assertThat(graceful).hasMessageStartingWith("expected server to stop GRACEFUL but it was EXITED_BEFORE_SIGNAL: ")
                .hasMessageContaining("it exited with code 0 at 2026-01-01T09:59:58.500Z, 1.50 s before the signal");
        Assertions.assertThat(catchThrowableOfType(AssertionError.class, () -> assertThat(early).stoppedWithin(Duration.ofSeconds(5))))
                .hasMessageStartingWith("expected server to stop within 5000 ms of the signal but it had exited by itself before the signal");
    }

    @Test
    void exitedBeforeSignalPassesOnlyForAnExitBeforeTheSignal() {
        assertThatCode(() -> assertThat(report(0, -1500, "")).exitedBeforeSignal().hasExitCode(0)).doesNotThrowAnyException();
        AssertionFailedError error = catchThrowableOfType(AssertionFailedError.class,
                () -> assertThat(report(0, 30, SHUTDOWN_LOG)).exitedBeforeSignal());
        Assertions.assertThat(error.getActual().getValue()).isEqualTo(StopVerdict.GRACEFUL);
        Assertions.assertThat(error).hasMessageStartingWith("expected server to have exited before the stop signal but it was GRACEFUL");
    }
}
