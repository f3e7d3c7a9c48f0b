package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.tpharness.logs.LogStream;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.testsupport.DockerTestSupport;

/** The correct fixture, echo-ok, passes every check the harness has, end to end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorrectFixtureIT {

    private final DockerTestSupport docker = new DockerTestSupport();

    @AfterAll
    void cleanUp() {
        docker.close();
    }

    @Test
    void echoOkPassesEchoLogAndStopChecks() {
        String network = docker.createNetwork();
        String container = docker.start("server", List.of("--network", network, "--network-alias", "server"),
                docker.buildFixture("echo-ok"));
        LogStream log = new LogStream("server");
        docker.follow(container, log);

        log.await(action("config").result("success").field("port", "12345"), Duration.ofSeconds(30));
        try (NetcatProbe probe = NetcatProbe.on(network)) {
            for (int k = 1; k <= 3; k++) {
                assertThat(probe.send("server", 12345, "[CLIENT 1] Message N°" + k + "\n"))
                        .isByteExact().repliedWithin(Duration.ofSeconds(5));
            }
        }
        StopReport report = StopReport.of(DockerTestSupport.stop(container, "server", Duration.ofSeconds(10)));
        log.await(action("shutdown").result("success"), Duration.ofSeconds(10));

        assertThat(report).isGraceful().stoppedWithin(Duration.ofSeconds(3))
                .loggedAfterSignal(action("close_listener").result("success"))
                .loggedAfterSignal(action("shutdown").result("success"));
        assertThat(log).hasLogged(action("shutdown").result("in_progress")).hasNoNonConformingLines();
        assertThat(log.lines()).extracting(l -> l.action()).containsExactly("config", "shutdown", "close_listener", "shutdown");
    }
}
