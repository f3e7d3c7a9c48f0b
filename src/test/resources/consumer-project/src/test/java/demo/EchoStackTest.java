package demo;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.junit.DockerCompose;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;

@DockerCompose(file = "src/test/resources/echo-stack.yaml")
class EchoStackTest {

    @Test
    void echoesByteExactAndStopsGracefully(ComposeStack stack) {
        stack.logStream("echo").await(action("listen").result("success"), Duration.ofSeconds(30));

        // "default" is the compose name of the network every service joins when the file names none
        EchoExchange echo = stack.netcatProbe("default").send("echo", 7000, "hello, harness\n");
        assertThat(echo).isByteExact();

        List<StopObservation> stops = stack.down(Duration.ofSeconds(5));
        assertEquals(1, stops.size(), "one container stopped: " + stops);
        assertThat(StopReport.of(stops.get(0))).isGraceful().loggedAfterSignal(action("shutdown"));
    }
}
