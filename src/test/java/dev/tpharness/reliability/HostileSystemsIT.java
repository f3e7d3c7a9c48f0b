package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.ContainerState;
import dev.tpharness.compose.Docker;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ResourceLimits;
import dev.tpharness.internal.Poll;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hostile systems under test are held by the limits the harness adds to every service that sets
 * none: a memory hog is OOM-killed, a fork bomb stops at the pids limit while the machine stays
 * responsive, and a log flood neither fills the harness's heap (it keeps the last 8 MiB of a log
 * in memory) nor outlives the teardown.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class HostileSystemsIT {

    @TempDir
    Path dir;

    private ComposeStack stack(String command, ResourceLimits limits) throws Exception {
        Path file = Files.writeString(dir.resolve("hostile.yaml"), """
                services:
                  hostile:
                    image: alpine:3.20
                    pull_policy: never
                    command: ["sh", "-c", %s]
                """.formatted("'" + command.replace("'", "''").replace("$", "$$") + "'")); // $$: no compose interpolation
        return ComposeStack.isolated(ComposeFile.read(file)).limits(limits).stopTimeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void memoryHogIsOomKilledAtTheLimit() throws Exception {
        try (ComposeStack stack = stack("x=0123456789abcdef; while :; do x=\"$x$x\"; done", ResourceLimits.defaults().withMemory("32m"))) {
            assertThat(stack.composeFile().service("hostile").path("mem_limit").asString()).isEqualTo("32m");
            long start = System.nanoTime();
            stack.up();
            List<ContainerState> states = stack.awaitExit("hostile", Duration.ofSeconds(60));
            System.out.printf("[reliability] memory hog OOM-killed after %d ms: %s%n", (System.nanoTime() - start) / 1_000_000, states);
            assertThat(states).singleElement().satisfies(s -> {
                assertThat(s.oomKilled()).as("OOM-killed flag of %s", s).isTrue();
                assertThat(s.exitCode()).contains(137);
            });
            assertThat(stack.down(Duration.ofSeconds(1))).singleElement().satisfies(o -> assertThat(o.oomKilled()).isTrue());
        }
    }

    @Test
    void forkBombStopsAtThePidsLimitAndTheMachineStaysResponsive() throws Exception {
        try (ComposeStack stack = stack(
                // BusyBox sh exits when a fork fails: PID 1 forks once (always possible: nothing else runs yet)
                // a starter of four bombers, then becomes a sleep that needs no fork, so it outlives the bomb
                "sh -c 'for i in 1 2 3 4; do sh -c \"while :; do sleep 600 & done\" & done' & exec sleep 600",
                ResourceLimits.defaults().withPids(64))) {
            stack.up();
            String id = stack.containerIds("hostile").get(0);
            int pids = 0;
            // until the bomb has (nearly) reached the limit; the assertions below say what it reached
            pids = Poll.until("the fork bomb to grow", Duration.ofSeconds(30), Duration.ofMillis(20), () -> processes(id), n -> n >= 50,
                    n -> new AssertionError("the fork bomb reached only " + n + " processes in 30 s"));
            long t = System.nanoTime();
            Process p = new ProcessBuilder("sh", "-c", "echo alive").start();
            assertThat(p.waitFor(5, TimeUnit.SECONDS)).as("a new process on the host while the bomb runs").isTrue();
            Duration hostFork = Duration.ofNanos(System.nanoTime() - t);
            int pidsLater = processes(id);
            assertThat(pids).as("processes in the container once the bomb ran").isBetween(50, 64);
            assertThat(pidsLater).as("processes in the container a moment later").isLessThanOrEqualTo(64);
            long downStart = System.nanoTime();
            List<StopObservation> stops = stack.down(Duration.ofSeconds(1));
            Duration down = Duration.ofNanos(System.nanoTime() - downStart);
            System.out.printf("[reliability] fork bomb held at %d pids (limit 64); host fork took %d ms; down took %d ms%n",
                    pidsLater, hostFork.toMillis(), down.toMillis());
            assertThat(hostFork).as("a fork on the host while the bomb is held (room for a loaded machine)").isLessThan(Duration.ofSeconds(5));
            assertThat(down).as("down of the fork bomb").isLessThan(Duration.ofSeconds(30));
            assertThat(stops).singleElement().satisfies(o -> assertThat(o.exitCode()).isPresent());
        }
    }

    @Test
    void logFloodKeepsTheHarnessHeapFlatAndEndsWithTheTeardown() throws Exception {
        String line = "flood ".repeat(20);
        try (ComposeStack stack = stack("yes '" + line + "'", ResourceLimits.defaults().withLog("20m", 2))) {
            assertThat(stack.composeFile().service("hostile").path("logging").path("options").path("max-size").asString()).isEqualTo("20m");
            stack.up();
            long before = usedHeapAfterGc();
            String logs = Poll.until("the flood to pass the log cap", Duration.ofSeconds(60), Duration.ofMillis(100), () -> stack.logs("hostile"),
                    l -> l.contains("earlier lines"), l -> new AssertionError("the log never passed the in-memory cap in 60 s; it starts: "
                            + l.substring(0, Math.min(300, l.length()))));
            long after = usedHeapAfterGc();
            assertThat(logs).as("the log read once the flood passed the in-memory cap").startsWith("[tp-harness: ").contains("earlier lines");
            assertThat((long) logs.length()).as("characters kept of the flooded log").isLessThanOrEqualTo(8L << 20);
            List<Path> evidence = stack.writeEvidence(dir.resolve("evidence"));
            long evidenceBytes = Files.size(evidence.get(0));
            List<StopObservation> stops = stack.down(Duration.ofSeconds(1));
            assertThat(stops).singleElement().satisfies(o -> {
                assertThat((long) o.fullLog().length()).isLessThanOrEqualTo(8L << 20);
                assertThat(StopReport.of(o).verdict()).isIn(StopVerdict.values());
            });
            assertThat(Docker.labelled("container", "com.docker.compose.project=" + stack.project())).as("the flood after down").isEmpty();
            System.out.printf("[reliability] log flood: kept %d chars in memory, evidence file %d bytes (rotation 2 x 20m),"
                    + " used heap %d MiB before, %d MiB after (holding the kept log)%n",
                    logs.length(), evidenceBytes, before >> 20, after >> 20);
            assertThat(after - before).as("heap growth while reading a flooded log (bytes)").isLessThan(64L << 20);
            assertThat(evidenceBytes).as("evidence file: streamed, bounded by the log rotation").isLessThanOrEqualTo(45L << 20);
        }
    }

    /** Processes in the container, as {@code docker top} lists them from the host. */
    private static int processes(String container) {
        return (int) Docker.run("top", container).lines().skip(1).count();
    }

    private static long usedHeapAfterGc() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
