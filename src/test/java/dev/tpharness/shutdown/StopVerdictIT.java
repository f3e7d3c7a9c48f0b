package dev.tpharness.shutdown;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.tpharness.testsupport.DockerTestSupport;

/**
 * Every stop fixture gets exactly the verdict it was built for, from a StopObservation filled
 * from {@code docker stop -t N} + {@code docker inspect}; and the checks that must fail do.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StopVerdictIT {

    private static final Duration GRACE = Duration.ofSeconds(10);

    private final DockerTestSupport docker = new DockerTestSupport();

    @AfterAll
    void cleanUp() {
        docker.close();
    }

    private StopReport runAndStop(String fixture, Duration grace) {
        String image = docker.buildFixture(fixture);
        String container = docker.start(fixture, List.of(), image);
        DockerTestSupport.awaitLog(container, "action: config | result: success", Duration.ofSeconds(30));
        return StopReport.of(DockerTestSupport.stop(container, "server", grace));
    }

    @Test
    void echoOkStopsGracefullyWithItsShutdownLines() {
        StopReport report = runAndStop("echo-ok", GRACE);

        assertThat(report).isGraceful().hasExitCode(0).stoppedWithin(Duration.ofSeconds(3))
                .loggedAfterSignal(action("shutdown").result("in_progress"))
                .loggedAfterSignal(action("shutdown").result("success"));
        assertThat(report.oomKilled()).isFalse();
    }

    @Test
    void slowStopIsStillGracefulInsideALongerGrace() {
        StopReport report = runAndStop("echo-slow-stop", GRACE);

        assertThat(report).isGraceful().loggedAfterSignal(action("shutdown").result("success"));
        assertThat(report.timeToStop()).get().satisfies(t -> assertThat(t).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(8)));
        assertThatThrownBy(() -> assertThat(report).stoppedWithin(Duration.ofSeconds(1)))
                .hasMessageContaining("expected server to stop within 1000 ms but it took");
    }

    @Test
    void ignoringSigtermIsKilledAfterTheGracePeriod() {
        StopReport report = runAndStop("echo-ignore-term", Duration.ofSeconds(2));

        assertThat(report).hasVerdict(StopVerdict.KILLED_AFTER_GRACE).hasExitCode(137);
        assertThat(report.timeToStop()).get().satisfies(t -> assertThat(t).isGreaterThanOrEqualTo(Duration.ofMillis(1800)));
        assertThatThrownBy(() -> assertThat(report).isGraceful())
                .hasMessageStartingWith("expected server to stop GRACEFUL but it was KILLED_AFTER_GRACE")
                .hasMessageContaining("exit code 137");
    }

    @Test
    void dyingFromSigtermIsNotHandled() {
        StopReport report = runAndStop("echo-sigterm-143", GRACE);

        assertThat(report).hasVerdict(StopVerdict.SIGTERM_NOT_HANDLED).hasExitCode(143).stoppedWithin(Duration.ofSeconds(3));
        assertThatThrownBy(() -> assertThat(report).loggedAfterSignal(action("shutdown").result("success")))
                .hasMessageContaining("It logged nothing after the signal.");
    }

    @Test
    void exitingWithThreeIsACrash() {
        StopReport report = runAndStop("echo-exit3", GRACE);

        assertThat(report).hasVerdict(StopVerdict.CRASHED).hasExitCode(3);
        assertThatThrownBy(() -> assertThat(report).isGraceful())
                .hasMessageContaining("but it was CRASHED")
                .hasMessageContaining("action: shutdown | result: fail | error: exit_3");
    }

    @Test
    void aContainerNotStoppedIsStillRunning() {
        String image = docker.buildFixture("echo-ok");
        String container = docker.start("still-running", List.of(), image);

        StopReport report = StopReport.of(DockerTestSupport.observe(container, "server", GRACE, Instant.now()));

        assertThat(report).hasVerdict(StopVerdict.STILL_RUNNING);
        assertThatThrownBy(() -> assertThat(report).stoppedWithin(GRACE)).hasMessageContaining("it has not stopped");
    }
}
