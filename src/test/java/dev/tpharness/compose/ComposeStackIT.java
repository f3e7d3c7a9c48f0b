package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.shutdown.StopObservation;

@org.junit.jupiter.api.parallel.Isolated("checks that nothing labelled with this run is left on the engine")
class ComposeStackIT {

    static final Path FIXTURE = Path.of("src/test/resources/compose/fixture-stack.yaml");
    static final String RUN_LABEL = HarnessRun.RUN_LABEL + "=" + HarnessRun.RUN_ID;
    static final String UNRELATED = "tph-core-it-unrelated-" + HarnessRun.newId(4);

    @BeforeAll
    static void createUnrelatedResources() {
        Docker.run("network", "create", "--label", "tph-core-it=" + UNRELATED, UNRELATED);
        Docker.run("run", "-d", "--name", UNRELATED, "--label", "tph-core-it=" + UNRELATED, "--network", UNRELATED,
                "alpine:3.20", "sleep", "600");
    }

    @AfterAll
    static void unrelatedResourcesSurvivedAndNothingOfThisRunIsLeft() {
        try {
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", UNRELATED)).isEqualTo("true");
            assertThat(Docker.run("network", "inspect", "-f", "{{.Name}}", UNRELATED)).isEqualTo(UNRELATED);
            assertThat(Docker.labelled("container", RUN_LABEL)).isEmpty();
            assertThat(Docker.labelled("network", RUN_LABEL)).isEmpty();
            assertThat(Docker.labelled("volume", RUN_LABEL)).isEmpty();
        } finally {
            Docker.run("rm", "-f", UNRELATED);
            Docker.run("network", "rm", UNRELATED);
        }
    }

    @Test
    void twoIsolatedCopiesOfOneFileWithContainerNamesAndAFixedSubnetRunAtTheSameTime() {
        ComposeFile file = ComposeFile.read(FIXTURE);
        try (ComposeStack first = quick(file); ComposeStack second = quick(file)) {
            first.up();
            second.up();

            assertThat(first.project()).isNotEqualTo(second.project()).startsWith("tph-");
            // neutral Docker names: nothing of the file's own names (testing_net, server...) in them
            assertThat(first.network("testing_net")).isEqualTo(first.project() + "-n1");
            assertThat(second.network("testing_net")).isEqualTo(second.project() + "-n1");
            for (ComposeStack stack : List.of(first, second)) {
                for (String service : stack.services()) {
                    assertThat(stack.containerIds(service)).hasSize(1);
                    assertThat(Docker.run("inspect", "-f", "{{.State.Running}} {{index .Config.Labels \"dev.tpharness.project\"}}",
                            stack.containerIds(service).get(0))).isEqualTo("true " + stack.project());
                }
            }
            assertThat(Docker.labelled("network", HarnessRun.PROJECT_LABEL + "=" + first.project())).hasSize(1);
            assertThat(Docker.labelled("volume", HarnessRun.PROJECT_LABEL + "=" + first.project())).hasSize(1);
        }
    }

    @Test
    void downReadsExitCodesStopDurationsAndLogsOfEveryContainerBeforeRemovingIt() {
        ComposeStack stack = ComposeStack.isolated(ComposeFile.read(FIXTURE)).build().up();
        awaitLog(stack, "stubborn", "stubborn started");
        awaitLog(stack, "echo", "action: config | result: success");

        Map<String, StopObservation> stops = stack.down(Duration.ofSeconds(2)).stream()
                .collect(Collectors.toMap(StopObservation::service, Function.identity()));

        assertThat(stops).containsOnlyKeys("echo", "ticker", "stubborn");
        assertThat(stops.get("ticker").exitCode()).contains(0);
        assertThat(stops.get("ticker").timeToStop()).hasValueSatisfying(d -> assertThat(d).isLessThan(Duration.ofMillis(1500)));
        assertThat(stops.get("ticker").logsAfterSignal()).contains("ticker stopping").doesNotContain("ticker started");
        assertThat(stops.get("ticker").fullLog()).startsWith("ticker started\n");
        assertThat(stops.get("echo").exitCode()).contains(0);
        assertThat(stops.get("echo").logsAfterSignal()).contains("action: shutdown | result: success");
        assertThat(stops.get("stubborn").exitCode()).contains(137);
        assertThat(stops.get("stubborn").grace()).isEqualTo(Duration.ofSeconds(2));
        assertThat(stops.get("stubborn").timeToStop()).hasValueSatisfying(d -> assertThat(d).isBetween(Duration.ofMillis(1900), Duration.ofSeconds(6)));
        assertThat(stops.get("stubborn").logsAfterSignal()).contains("TERM ignored");
        assertThat(stops.get("stubborn").container()).matches(stack.project() + "-s[0-9]+"); // neutral name: never the service's own
        assertThat(Docker.labelled("container", HarnessRun.PROJECT_LABEL + "=" + stack.project())).isEmpty();
        assertThat(Docker.labelled("volume", HarnessRun.PROJECT_LABEL + "=" + stack.project())).isEmpty();
        assertThat(stack.down(Duration.ofSeconds(1))).isEmpty();
        stack.close();
    }

    @Test
    void stopOneServiceKillExecAndFollowLogs() throws Exception {
        try (ComposeStack stack = quick(ComposeFile.read(FIXTURE)).up()) {
            List<String> lines = new CopyOnWriteArrayList<>();
            try (AutoCloseable follow = stack.followLogs("ticker", lines::add)) {
                ExecResult exec = stack.exec("ticker", "sh", "-c", "echo out; echo err >&2; exit 4");
                assertThat(exec).isEqualTo(new ExecResult(4, "out\n", "err\n"));

                List<StopObservation> stopped = stack.stop("ticker", Duration.ofSeconds(5));

                assertThat(stopped).singleElement().satisfies(s -> assertThat(s.exitCode()).contains(0));
                awaitUntil(() -> lines.contains("ticker stopping"), "followed log has 'ticker stopping': " + lines);
                assertThat(lines).startsWith("ticker started");
            }
            stack.kill("stubborn", "KILL");
            awaitUntil(() -> Docker.run("inspect", "-f", "{{.State.ExitCode}}", stack.containerIds("stubborn").get(0)).equals("137"),
                    "stubborn killed");
            assertThat(stack.logs("echo")).contains("action: config | result: success");
            assertThatThrownBy(() -> stack.logs("nope")).hasMessageContaining("no service 'nope'")
                    .hasMessageContaining("[echo, ticker, stubborn]");
            assertThatThrownBy(() -> stack.network("other_net")).hasMessageContaining("no network 'other_net'");
        }
    }

    @Test
    void courseFaithfulKeepsContainerNamesAndNetworkNames() {
        String suffix = HarnessRun.newId(4);
        ComposeFile file = ComposeFile.parse("""
                services:
                  box:
                    container_name: tph-faithful-%s
                    image: alpine:3.20
                    command: sleep 300
                    networks: [testing_net]
                networks:
                  testing_net: {}
                """.formatted(suffix), null);
        try (ComposeStack stack = ComposeStack.courseFaithful(file).project("tph-faithful-" + suffix).build().up()) {
            assertThat(Docker.run("inspect", "-f", "{{.Name}}", stack.containerIds("box").get(0))).isEqualTo("/tph-faithful-" + suffix);
            assertThat(stack.network("testing_net")).isEqualTo("tph-faithful-" + suffix + "_testing_net");
            assertThat(stack.isIsolated()).isFalse();
        }
    }

    @Test
    void stopRunsTheTestsActionOnceTheEngineDeliveredTheSignalAndWithinTheGrace() {
        // answers SIGTERM with a line, then ends only once the test's action has run (a file it waits for)
        ComposeFile file = ComposeFile.parse("""
                services:
                  box:
                    image: alpine:3.20
                    command: ["sh", "-c", "trap 'echo term-received; while [ ! -e /done ]; do sleep 0.05; done; exit 0' TERM; while :; do sleep 0.1; done"]
                """, null);
        try (ComposeStack stack = ComposeStack.isolated(file).build().up()) {
            String id = stack.containerIds("box").get(0);
            List<Instant> acted = new CopyOnWriteArrayList<>();
            Instant before = Instant.now().minusSeconds(1);

            StopObservation box = stack.stop("box", Duration.ofSeconds(20), () -> {
                acted.add(Instant.now());
                Docker.run("exec", id, "touch", "/done");
            }).get(0);

            assertThat(acted).hasSize(1);
            assertThat(killEventsBetween(id, before, acted.get(0))).as("the engine's kill events before the action ran").isNotBlank();
            assertThat(acted.get(0)).isAfterOrEqualTo(box.signalledAt());
            assertThat(dev.tpharness.shutdown.StopReport.of(box).isGraceful()).as("%s", dev.tpharness.shutdown.StopReport.of(box).describe()).isTrue();
            assertThat(box.timeToStop()).as("ended by the action, not by the SIGKILL at 20 s").hasValueSatisfying(t -> assertThat(t).isLessThan(Duration.ofSeconds(15)));
            assertThat(box.logsAfterSignal()).contains("term-received");
        }
    }

    /** The engine's {@code kill} events of the container between two moments, as {@code docker events} prints them. */
    private static String killEventsBetween(String id, Instant from, Instant to) {
        return Docker.run("events", "--since", epoch(from), "--until", epoch(to), "--filter", "container=" + id, "--filter", "event=kill",
                "--format", "{{.Action}} {{.Actor.Attributes.signal}}");
    }

    private static String epoch(Instant t) {
        return String.format(java.util.Locale.ROOT, "%d.%09d", t.getEpochSecond(), t.getNano());
    }

    @Test
    void aFailingActionIsThrownOnceTheContainersHaveStopped() {
        ComposeFile file = ComposeFile.parse("""
                services:
                  box:
                    image: alpine:3.20
                    command: ["sh", "-c", "trap 'exit 0' TERM; while :; do sleep 0.1; done"]
                """, null);
        try (ComposeStack stack = ComposeStack.isolated(file).build().up()) {
            String id = stack.containerIds("box").get(0);

            assertThatThrownBy(() -> stack.stop("box", Duration.ofSeconds(10), () -> {
                throw new AssertionError("the peer could not be released");
            })).isInstanceOf(AssertionError.class).hasMessage("the peer could not be released");
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}} {{.State.ExitCode}}", id)).isEqualTo("false 0");
        }
    }

    @Test
    void downJudgesEachContainerFromTheSignalComposeSentIt() {
        // compose stops the dependant first (3 s to handle its SIGTERM), then the service it depends
        // on (1.5 s): each has its own grace of 6 s, and only its own time counts
        ComposeFile file = ComposeFile.parse("""
                services:
                  base:
                    image: alpine:3.20
                    command: ["sh", "-c", "trap 'sleep 1.5; exit 0' TERM; while :; do sleep 0.1; done"]
                  dependant:
                    image: alpine:3.20
                    command: ["sh", "-c", "trap 'sleep 3; exit 0' TERM; while :; do sleep 0.1; done"]
                    depends_on: [base]
                """, null);
        try (ComposeStack stack = ComposeStack.isolated(file).build().up()) {
            Map<String, StopObservation> stops = stack.down(Duration.ofSeconds(6)).stream()
                    .collect(Collectors.toMap(StopObservation::service, Function.identity()));

            StopObservation base = stops.get("base");
            StopObservation dependant = stops.get("dependant");
            assertThat(base.signalledAt()).as("base is signalled once the dependant has exited")
                    .isAfterOrEqualTo(dependant.finishedAt().orElseThrow().minusMillis(100));
            assertThat(base.timeToStop()).as("base's time, from its own signal").hasValueSatisfying(t -> assertThat(t)
                    .isBetween(Duration.ofMillis(1400), Duration.ofSeconds(3)));
            assertThat(dependant.timeToStop()).as("the dependant's time, from its own signal").hasValueSatisfying(t -> assertThat(t)
                    .isBetween(Duration.ofMillis(2900), Duration.ofSeconds(5)));
            assertThat(List.of(base, dependant)).allSatisfy(o -> assertThat(dev.tpharness.shutdown.StopReport.of(o).isGraceful())
                    .as("%s", dev.tpharness.shutdown.StopReport.of(o).describe()).isTrue());
        }
    }

    @Test
    void aFailingUpNamesTheCommandAndComposesErrorAndCloseStillCleansUp() {
        ComposeFile broken = ComposeFile.parse("""
                services:
                  fine:
                    image: alpine:3.20
                    command: sleep 300
                  broken:
                    image: alpine:3.20
                    command: sleep 300
                    depends_on: [fine]
                    read_only: true
                    network_mode: "container:tph-no-such-container"
                """, null);
        ComposeStack stack = ComposeStack.isolated(broken).build();

        assertThatThrownBy(stack::up)
                .isInstanceOf(ComposeCommandException.class)
                .hasMessageContaining("-p " + stack.project())
                .hasMessageContaining("up -d")
                .hasMessageContaining("exit code");
        stack.close();
        assertThat(Docker.labelled("container", HarnessRun.PROJECT_LABEL + "=" + stack.project())).isEmpty();
    }

    @Test
    void theSweepRemovesOnlyOtherRunsOlderThanTheThreshold() {
        String tag = HarnessRun.newId(4);
        String stale = "tph-core-it-stale-" + tag;
        String fresh = "tph-core-it-fresh-" + tag;
        String noStart = "tph-core-it-nostart-" + tag;
        Docker.run("run", "-d", "--name", stale, "--label", "dev.tpharness=true", "--label", "dev.tpharness.run=other-" + tag,
                "--label", "dev.tpharness.started=1000", "alpine:3.20", "sleep", "600");
        Docker.run("network", "create", "--label", "dev.tpharness=true", "--label", "dev.tpharness.run=other-" + tag,
                "--label", "dev.tpharness.started=1000", stale);
        Docker.run("run", "-d", "--name", fresh, "--label", "dev.tpharness=true", "--label", "dev.tpharness.run=other-" + tag,
                "--label", "dev.tpharness.started=" + Instant.now().getEpochSecond(), "alpine:3.20", "sleep", "600");
        Docker.run("run", "-d", "--name", noStart, "--label", "dev.tpharness=true", "alpine:3.20", "sleep", "600");
        try {
            HarnessRun.sweep(Duration.ofHours(1));

            assertThat(Docker.run("ps", "-aq", "--filter", "name=^/" + stale + "$")).isEmpty();
            assertThat(Docker.run("network", "ls", "-q", "--filter", "name=^" + stale + "$")).isEmpty();
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", fresh)).isEqualTo("true");
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", noStart)).isEqualTo("true");
            assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", UNRELATED)).isEqualTo("true");
        } finally {
            Docker.run("rm", "-f", fresh, noStart);
            if (!Docker.run("ps", "-aq", "--filter", "name=^/" + stale + "$").isEmpty()) {
                Docker.run("rm", "-f", stale);
            }
            if (!Docker.run("network", "ls", "-q", "--filter", "name=^" + stale + "$").isEmpty()) {
                Docker.run("network", "rm", stale);
            }
        }
    }

    /** The stubborn service ignores SIGTERM: a short grace keeps the closing `down` short. */
    private static ComposeStack quick(ComposeFile file) {
        return ComposeStack.isolated(file).stopTimeout(Duration.ofSeconds(1)).build();
    }

    private static void awaitLog(ComposeStack stack, String service, String text) {
        awaitUntil(() -> stack.logs(service).contains(text), service + " log contains '" + text + "'");
    }

    private static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
        Docker.awaitUntil(condition, what);
    }
}
