package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.Docker;
import dev.tpharness.reliability.ChildRun.Child;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Runs killed in the middle: a JVM killed with SIGKILL while its stack is up leaves it behind; the
 * next run's start-up sweep removes exactly that (containers, network, volume), with the default
 * one-hour threshold, because the owner process is provably gone. A concurrently running run's
 * fresh stack and foreign resources (even one labelled {@code dev.tpharness=true} without run id)
 * survive. A run interrupted with SIGINT (Ctrl-C) takes its stack down in its shutdown hook.
 */
@Isolated("inspects and counts resources on the whole engine")
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class KilledRunIT {

    private static final Duration UP_BOUND = Duration.ofSeconds(90);

    @TempDir
    Path dir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final List<Child> children = new java.util.ArrayList<>();
    private final List<String> projects = new java.util.ArrayList<>();

    @AfterEach
    void cleanUp() throws InterruptedException {
        for (Child c : children) {
            c.kill();
        }
        for (String project : projects) { // only what this test's children made
            removeProject(project);
        }
        Docker.run("ps", "-aq", "--filter", "label=tph-rel-foreign=" + id).lines()
                .forEach(c -> Docker.run("rm", "-f", c));
    }

    @Test
    void killedRunIsSweptByTheNextRunAndNothingElse() throws Exception {
        Path compose = Files.writeString(dir.resolve("stack.yaml"), """
                services:
                  sleeper:
                    image: alpine:3.20
                    pull_policy: never
                    command: ["sleep", "600"]
                    volumes: ["data:/data"]
                    networks: [net]
                networks:
                  net: {}
                volumes:
                  data: {}
                """);
        String foreignPlain = Docker.run("run", "-d", "--label", "tph-rel-foreign=" + id, "alpine:3.20", "sleep", "300");
        // labelled like the harness but without run id and start time: never the sweep's to remove
        String foreignHarnessLike = Docker.run("run", "-d", "--label", "tph-rel-foreign=" + id, "--label", "dev.tpharness=true",
                "alpine:3.20", "sleep", "300");

        Child alive = child("alive", "hold", compose);
        Child killed = child("killed", "hold", compose);
        String aliveProject = track(alive.project(UP_BOUND));
        String killedProject = track(killed.project(UP_BOUND));

        killed.kill();
        assertThat(resources(killedProject)).as("what the SIGKILLed run left behind").hasSize(3);

        long sweepStart = System.nanoTime();
        Child next = child("next", "up-close", compose);
        track(next.project(UP_BOUND));
        next.await("CLOSED", UP_BOUND);
        Duration nextRun = Duration.ofNanos(System.nanoTime() - sweepStart);

        assertThat(resources(killedProject)).as("the killed run's container, network and volume after the next run's sweep"
                + " (default threshold 1 h; owner pid gone)").isEmpty();
        assertThat(resources(aliveProject)).as("a concurrently running run's fresh stack").hasSize(3);
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", Docker.labelled("container",
                "com.docker.compose.project=" + aliveProject).get(0))).isEqualTo("true");
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", foreignPlain)).isEqualTo("true");
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", foreignHarnessLike)).isEqualTo("true");

        // Ctrl-C of the still running run: its shutdown hook takes its stack down
        long interrupted = System.nanoTime();
        Process p = new ProcessBuilder("kill", "-INT", Long.toString(alive.process().pid())).start();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        // a bound, not a verdict: the hook takes a stack down (compose down, 10 s grace), slower on a loaded machine
        assertThat(alive.process().waitFor(180, TimeUnit.SECONDS)).as("the interrupted JVM ends within 180 s").isTrue();
        Duration hook = Duration.ofNanos(System.nanoTime() - interrupted);
        assertThat(resources(aliveProject)).as("the stack of the run interrupted with SIGINT, after its shutdown hook").isEmpty();
        assertThat(Docker.run("inspect", "-f", "{{.State.Running}}", foreignPlain)).isEqualTo("true");
        System.out.printf("[reliability] next run (sweep + up + down) took %d ms; SIGINT to clean exit took %d ms%n",
                nextRun.toMillis(), hook.toMillis());
    }

    private Child child(String name, String mode, Path compose) throws Exception {
        Child c = ChildRun.start(dir, name, Map.of(), List.of(), mode, compose.toString());
        children.add(c);
        return c;
    }

    private String track(String project) {
        projects.add(project);
        return project;
    }

    /** Containers, networks and volumes of a compose project. */
    static List<String> resources(String project) {
        String label = "com.docker.compose.project=" + project;
        List<String> all = new java.util.ArrayList<>();
        for (String kind : List.of("container", "network", "volume")) {
            Docker.labelled(kind, label).forEach(r -> all.add(kind + " " + r));
        }
        return all;
    }

    static void removeProject(String project) {
        String label = "com.docker.compose.project=" + project;
        Docker.labelled("container", label).forEach(c -> Docker.run("rm", "-f", "-v", c));
        Docker.labelled("network", label).forEach(n -> Docker.run("network", "rm", n));
        Docker.labelled("volume", label).forEach(v -> Docker.run("volume", "rm", v));
    }
}
