package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.ComposeCommandException;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.Docker;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.shutdown.StopVerdict;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Every way a run could hang ends within its bound, with a message naming what hung. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class NoHangIT {

    @TempDir
    Path dir;

    private Path file(String yaml) throws Exception {
        return Files.writeString(dir.resolve("stack-" + UUID.randomUUID() + ".yaml"), yaml);
    }

    // the engine check gives up after 4 s; this bound only tells "gave up at that check" from "hung
    // until a command's own timeout" (minutes), with room for a loaded machine (CI measured 5.02 s)
    private static final long NO_HANG_BOUND_MILLIS = 15_000;

    private static final String SLEEPER = """
            services:
              sleeper:
                image: alpine:3.20
                pull_policy: never
                command: ["sleep", "600"]
            """;

    @Test
    void dockerDaemonNotRunning() throws Exception {
        Path dead = dir.resolve("no-daemon.sock");
        ChildRun.Child child = ChildRun.start(dir, "dead", Map.of("DOCKER_HOST", "unix://" + dead), List.of(), "up-close",
                file(SLEEPER).toString());
        String out = child.await("FAILED", Duration.ofSeconds(60));
        assertThat(out).contains("Docker is not reachable", "DOCKER_HOST=unix://" + dead, "To fix: start Docker");
        assertThat(millis(out)).as("time from up() to the error").isLessThan(NO_HANG_BOUND_MILLIS);
        System.out.println("[reliability] dead daemon: " + out.strip());
    }

    @Test
    void dockerDaemonThatNeverAnswers() throws Exception {
        Path sock = dir.resolve("silent.sock");
        try (ServerSocketChannel silent = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            silent.bind(UnixDomainSocketAddress.of(sock)); // connections are queued, never answered
            ChildRun.Child child = ChildRun.start(dir, "silent", Map.of("DOCKER_HOST", "unix://" + sock), List.of(), "up-close",
                    file(SLEEPER).toString());
            String out = child.await("FAILED", Duration.ofSeconds(60));
            assertThat(out).contains("Docker is not reachable", "did not answer within 4 s");
            assertThat(millis(out)).as("time from up() to the error").isLessThan(NO_HANG_BOUND_MILLIS);
            System.out.println("[reliability] silent daemon: " + out.strip());
        }
    }

    @Test
    void missingImageThatCannotBePulled() throws Exception {
        ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file("""
                services:
                  app:
                    image: tph-no-such-image:never
                """))).pullTimeout(Duration.ofSeconds(3)).build();
        long start = System.nanoTime();
        assertThatThrownBy(stack::up).isInstanceOf(ComposeCommandException.class)
                .hasMessageContaining("service 'app' uses image 'tph-no-such-image:never'")
                .satisfies(e -> assertThat(e.getMessage()).containsAnyOf("did not finish within 3 s", "could not be pulled"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[reliability] missing image: failed after " + took.toMillis() + " ms");
        assertThat(took).as("bounded by the 3 s pull timeout, with room for a loaded machine").isLessThan(Duration.ofSeconds(20));
        assertThat(Docker.labelled("container", "com.docker.compose.project=" + stack.project())).isEmpty();
    }

    @Test
    void missingImageWhosePullHangs() throws Exception {
        // a "registry" on this host that accepts connections and never answers: the pull hangs, as without a registry
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            String image = "127.0.0.1:" + silent.getLocalPort() + "/tph-no-such-image:never";
            ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file("services:\n  app:\n    image: " + image + "\n")))
                    .pullTimeout(Duration.ofSeconds(3)).build();
            long start = System.nanoTime();
            assertThatThrownBy(stack::up).isInstanceOf(ComposeCommandException.class)
                    .hasMessageContaining("docker pull -q " + image)
                    .hasMessageContaining("service 'app' uses image '" + image + "', which is not on this machine,"
                            + " and pulling it did not finish within 3 s");
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("[reliability] hanging pull: failed after " + took.toMillis() + " ms");
            assertThat(took).as("bounded by the 3 s pull timeout, with room for a loaded machine").isLessThan(Duration.ofSeconds(20));
        }
    }

    @Test
    void missingImageWithPullPolicyNeverFailsAtOnce() throws Exception {
        ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file("""
                services:
                  app:
                    image: tph-no-such-image:never
                    pull_policy: never
                """))).build();
        long start = System.nanoTime();
        assertThatThrownBy(stack::up).hasMessageContaining("'tph-no-such-image:never', which is not on this machine, and its pull_policy is never");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no pull attempted: far below the default pull timeout")
                .isLessThan(Duration.ofSeconds(15));
    }

    @Test
    void containerThatNeverStopsIsKilledAfterTheGrace() throws Exception {
        // sleep as PID 1 has no SIGTERM handler: the kernel ignores the signal
        try (ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file(SLEEPER))).build().up()) {
            long start = System.nanoTime();
            List<StopObservation> stops = stack.down(Duration.ofSeconds(2));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            System.out.println("[reliability] down -t 2 of a container ignoring SIGTERM took " + took.toMillis() + " ms");
            assertThat(stops).singleElement().satisfies(o -> {
                assertThat(StopReport.of(o).verdict()).isEqualTo(StopVerdict.KILLED_AFTER_GRACE);
                assertThat(o.exitCode()).contains(137);
            });
            assertThat(took).isLessThan(Duration.ofSeconds(2 + 20));
        }
    }

    @Test
    void composeUpThatNeverFinishes() throws Exception {
        Path pids = dir.resolve("fake-compose.pids");
        Path fake = Files.writeString(dir.resolve("fake-compose"), "#!/bin/sh\necho $$ >> " + pids + "\nsleep 600 &\necho $! >> "
                + pids + "\nwait\n");
        fake.toFile().setExecutable(true);
        ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file(SLEEPER)))
                .settings(HarnessSettings.current().with(HarnessSettings.COMPOSE_COMMAND, fake.toString()))
                .upTimeout(Duration.ofSeconds(3)).commandTimeout(Duration.ofSeconds(2)).stopTimeout(Duration.ZERO).build();
        long start = System.nanoTime();
        Throwable up = org.assertj.core.api.Assertions.catchThrowable(stack::up);
        assertThat(up).isInstanceOf(ComposeCommandException.class)
                .hasMessageContaining(fake + " -p " + stack.project())
                .hasMessageContaining(" up -d")
                .hasMessageContaining("timed out after 3 s and was killed");
        // up takes down what it started at once; that down hangs too, and its timeout rides along, suppressed
        assertThat(up.getSuppressed()).singleElement().satisfies(down -> assertThat(down).hasMessageContaining("down")
                .hasMessageContaining("timed out after 2 s"));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[reliability] hanging compose up (and its cleanup) ended after " + took.toMillis() + " ms");
        assertThat(took).as("bounded by the two timeouts plus the process-tree kills, far below the fake's 600 s").isLessThan(Duration.ofSeconds(3 + 2 + 15));
        stack.close(); // already down: nothing left to do
        for (String pid : Files.readAllLines(pids)) {
            ProcessHandle.of(Long.parseLong(pid.strip())).ifPresent(p -> {
                p.onExit().orTimeout(5, TimeUnit.SECONDS).join();
                assertThat(p.isAlive()).as("process %s of the fake compose (and its child sleep) after the timeout", pid).isFalse();
            });
        }
    }

    @Test
    void studentScriptThatNeverReturns() throws Exception {
        Path repo = Tp0FixtureRepos.create(dir, Tp0FixtureRepos.CORRECT);
        Grading.commitOnBranch(repo, "ej1", "generar-compose.sh", "#!/bin/bash\nsleep 3593\n", true);
        long start = System.nanoTime();
        Grading.Outcome outcome = Grading.run(repo, dir, Map.of("tp0.scriptTimeout", "PT2S"),
                "dev.tpharness.tp0.grading.Ej1Checks$Generator");
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.println("[reliability] ej1 generator checks with a script that never returns took " + took.toMillis() + " ms");
        assertThat(outcome.passed()).as("checks that passed").isEmpty();
        assertThat(outcome.failed().entrySet())
                .hasSize(11) // ej1 generator checks: 4 required sizes, 0 clients, 5 wrong uses, the base file
                .allSatisfy(e -> assertThat(e.getValue()).contains("generar-compose.sh").contains("did not finish within 2 s"));
        assertThat(took).isLessThan(Duration.ofSeconds(90));
        assertThat(ProcessHandle.allProcesses().filter(p -> p.info().commandLine().orElse("").contains("sleep 3593")))
                .as("the student's sleep after its script was killed").isEmpty();
    }

    private static long millis(String out) {
        return Long.parseLong(out.replaceAll("(?s).*FAILED after (\\d+) ms.*", "$1"));
    }
}
