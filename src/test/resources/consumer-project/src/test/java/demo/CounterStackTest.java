package demo;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.junit.DockerCompose;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;

/** A protocol that is not an echo, a file with anchors and merge keys, scaled services, and workers that end by themselves. */
class CounterStackTest {

    @DockerCompose(file = "src/test/resources/counter-stack.yaml")
    ComposeStack stack; // an instance field: this test takes its own stack down

    @Test
    void countsEveryLineWorkersFinishAndTheStackStopsWithWorkersAlreadyGone() {
        stack.logStream("counter").await(action("listen").result("success").count(2), Duration.ofSeconds(30));

        NetcatProbe probe = stack.netcatProbe("default");
        assertThat(probe.send("counter", 9000, "abc\nhello\n")).hasReply("3\n5\n").hasReplyLines("3", "5").hasReplyLineCount(2);
        // one replica by its own name; the service name reaches any of them
        assertThat(probe.send(stack.project() + "-counter-2", 9000, "four\n")).hasReply("4\n");

        // both workers' lines arrive in one stream: the replicas' logs are merged
        stack.logStream("worker").await(action("sent").result("success").field("n", "4").count(2), Duration.ofSeconds(60));
        stack.awaitExit("worker", Duration.ofSeconds(60));
        assertEquals(2, stack.containerIds("worker").size(), "one container per replica");

        Map<String, List<StopObservation>> stops = stack.down(Duration.ofSeconds(5)).stream()
                .collect(Collectors.groupingBy(StopObservation::service));
        assertEquals(2, stops.get("worker").size(), "a report per worker replica: " + stops);
        for (StopObservation worker : stops.get("worker")) {
            assertThat(StopReport.of(worker)).exitedBeforeSignal().hasExitCode(0);
        }
        for (StopObservation counter : stops.get("counter")) {
            assertThat(StopReport.of(counter)).isGraceful().loggedAfterSignal(action("shutdown").result("success"));
        }
    }
}
