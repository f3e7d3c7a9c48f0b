package dev.tpharness.compose;

import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogStream;
import dev.tpharness.logs.LogTimeoutError;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;

/**
 * How a stack's services end, and what the harness says about it: a failing {@code up} (its own
 * error first), a service that exits by itself before the stop signal, a log wait on a service
 * that has exited, and the evidence of a stack that is already down.
 */
class StackEndsIT {

    private static final ComposeFile TICKER_AND_ONE_SHOT = ComposeFile.parse("""
            services:
              ticker:
                image: alpine:3.20
                command: sh -c 'trap "echo ticker stopping; exit 0" TERM; echo ticker started; while :; do sleep 0.2; done'
              oneshot:
                image: alpine:3.20
                command: ["sh", "-c", "echo 'action: work | result: success | n: 1'; echo 'oneshot done'; exit 3"]
            """, null);

    @Test
    void aFailingUpThrowsItsOwnErrorWithTheCleanupsFailureSuppressedAndLeavesTheStackDown(@TempDir Path dir) throws IOException {
        String fake = dev.tpharness.testsupport.FakeCompose.failingUpAndDown(dir).toString();
        HarnessSettings failing = HarnessSettings.from(key -> key.equals(HarnessSettings.COMPOSE_COMMAND) ? Optional.of(fake) : Optional.empty());
        ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).settings(failing).build();

        Throwable thrown = catchThrowable(stack::up);

        assertThat(thrown).isInstanceOf(ComposeCommandException.class).hasMessageContaining("simulated: up failed, port is already allocated")
                .hasMessageNotContaining("simulated: down failed");
        assertThat(thrown.getSuppressed()).singleElement().satisfies(cleanup -> assertThat(cleanup)
                .isInstanceOf(ComposeCommandException.class).hasMessageContaining("simulated: down failed"));
        assertThat(stack.toString()).contains("DOWN");
        stack.close(); // nothing left to take down: no second failure
    }

    @Test
    void aServiceThatExitedBeforeTheSignalIsReportedAsSuchNeverAsAGracefulStopAfterZeroSeconds() {
        try (ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).stopTimeout(Duration.ofSeconds(2)).build().up()) {
            stack.awaitExit("oneshot", Duration.ofSeconds(60));
            Docker.awaitUntil(() -> stack.logs("ticker").contains("ticker started"), "ticker started");

            Map<String, StopObservation> stops = byService(stack.down(Duration.ofSeconds(5)));

            StopReport oneshot = StopReport.of(stops.get("oneshot"));
            assertThat(oneshot.verdict()).isEqualTo(StopVerdict.EXITED_BEFORE_SIGNAL);
            assertThat(oneshot.exitCode()).hasValue(3);
            assertThat(oneshot.timeToStop()).isEmpty();
            assertThat(oneshot.summary()).contains("it exited with code 3 at ").contains("before the signal").doesNotContain("after 0 s");
            assertThat(oneshot.describe()).contains("oneshot done");
            assertThat(StopReport.of(stops.get("ticker")).verdict()).isEqualTo(StopVerdict.GRACEFUL);
        }
    }

    @Test
    void waitingForALineOfAServiceThatHasExitedFailsAtOnceSayingHowItExited() {
        try (ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).stopTimeout(Duration.ofSeconds(2)).build().up()) {
            LogStream oneshot = stack.logStream("oneshot");

            // the wait is 10 minutes: only the end of the log can make it fail within the 2 of the bound
            LogTimeoutError error = assertTimeoutPreemptively(Duration.ofMinutes(2),
                    () -> (LogTimeoutError) catchThrowable(() -> oneshot.await(action("never"), Duration.ofMinutes(10))));

            assertThat(error).isNotNull()
                    .hasMessageStartingWith("oneshot did not log a line with action 'never' before its log ended")
                    .hasMessageContaining("the log has ended: service oneshot exited (")
                    .hasMessageContaining(": code 3 at ")
                    .hasMessageContaining("oneshot done");
            assertThat(oneshot.endReason()).hasValueSatisfying(r -> assertThat(r).contains("code 3"));
        }
    }

    @Test
    void aRunningServicesStreamDoesNotEndAndItsWaitTimesOutAsAsked() {
        try (ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).stopTimeout(Duration.ofSeconds(2)).build().up()) {
            LogStream ticker = stack.logStream("ticker");

            assertThatThrownBy(() -> ticker.await(action("never"), Duration.ofSeconds(2)))
                    .isInstanceOf(LogTimeoutError.class).hasMessageContaining("within 2 s");
            assertThat(ticker.hasEnded()).isFalse();
        }
    }

    @Test
    void evidenceOfAStackThatIsDownComesFromWhatItsDownObserved(@TempDir Path dir) throws IOException {
        ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).stopTimeout(Duration.ofSeconds(2)).build().up();
        stack.awaitExit("oneshot", Duration.ofSeconds(60));
        Docker.awaitUntil(() -> stack.logs("ticker").contains("ticker started"), "ticker started");
        stack.down(Duration.ofSeconds(5));

        List<Path> written = stack.writeEvidence(dir);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("ticker.log", "oneshot.log", "state.txt");
        assertThat(Files.readString(dir.resolve("ticker.log"))).contains("ticker started").contains("ticker stopping");
        assertThat(Files.readString(dir.resolve("oneshot.log"))).contains("oneshot done");
        assertThat(Files.readString(dir.resolve("state.txt")))
                .contains("the stack is down")
                .containsPattern("ticker \\S+: status=removed exitCode=0 .* verdict=GRACEFUL")
                .containsPattern("oneshot \\S+: status=removed exitCode=3 .* verdict=EXITED_BEFORE_SIGNAL");
    }

    @Test
    void evidenceOfAStackClosedWithoutAReportSaysItsLogsAreGone(@TempDir Path dir) throws IOException {
        ComposeStack stack = ComposeStack.isolated(TICKER_AND_ONE_SHOT).stopTimeout(Duration.ofSeconds(2)).build().up();
        stack.close();

        List<Path> written = stack.writeEvidence(dir);

        assertThat(written).extracting(p -> p.getFileName().toString()).containsExactly("state.txt");
        assertThat(Files.readString(dir.resolve("state.txt"))).contains("taken down without a stop report");
    }

    private static Map<String, StopObservation> byService(List<StopObservation> stops) {
        return stops.stream().collect(java.util.stream.Collectors.toMap(StopObservation::service, s -> s));
    }
}
