package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.Docker;
import dev.tpharness.internal.Poll;
import dev.tpharness.testsupport.DockerTestSupport;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;

/**
 * Resources made outside the harness, including the very names TP0 uses (containers {@code server}
 * and {@code client1}, network {@code tp0_testing_net}, image {@code server:latest}), a volume, and
 * a container labelled {@code dev.tpharness=true} without run id, are all still there and unchanged
 * (ids, labels, state) after a full grading run (ej1..ej4 on the correct fixture solution). The
 * course-faithful ej3 checks cannot start next to them: they fail naming the containers and
 * network that hold the names and how to free them; every other check passes.
 *
 * <p>These resources exist only during this test (other people use this engine): the names must
 * be free before it starts (it waits up to 2 minutes, then fails saying who holds them), and it
 * removes exactly what it made at the end.
 */
@Isolated("creates containers named server and client1 and the network tp0_testing_net on the whole engine")
@Timeout(value = 12, unit = TimeUnit.MINUTES)
class ForeignResourcesIT {

    @TempDir
    Path dir;

    private final String id = UUID.randomUUID().toString().substring(0, 8);
    private final String label = "tph-rel-foreign=" + id;
    private final String volume = "tph-rel-foreign-vol-" + id;
    private boolean taggedServerImage;
    private boolean madeNetwork;

    @AfterEach
    void removeWhatThisTestMade() {
        Docker.labelled("container", label).forEach(c -> Docker.run("rm", "-f", c));
        if (madeNetwork) {
            DockerTestSupport.dockerResult("network", "rm", "tp0_testing_net");
        }
        DockerTestSupport.dockerResult("volume", "rm", volume);
        if (taggedServerImage) {
            DockerTestSupport.dockerResult("rmi", "server:latest"); // only the tag: alpine:3.20 keeps the image
        }
    }

    @Test
    void fullGradingRunLeavesForeignResourcesAloneAndNamesTheHolders() throws Exception {
        awaitFree();
        if (DockerTestSupport.dockerResult("image", "inspect", "server:latest").exitCode() != 0) {
            Docker.run("tag", "alpine:3.20", "server:latest");
            taggedServerImage = true;
        }
        Docker.run("network", "create", "--label", label, "tp0_testing_net");
        madeNetwork = true;
        Docker.run("volume", "create", "--label", label, volume);
        String server = Docker.run("run", "-d", "--name", "server", "--label", label, "--network", "tp0_testing_net",
                "-v", volume + ":/data", "alpine:3.20", "sleep", "900");
        Docker.run("run", "-d", "--name", "client1", "--label", label, "alpine:3.20", "sleep", "900");
        Docker.run("run", "-d", "--label", label, "--label", "dev.tpharness=true", "alpine:3.20", "sleep", "900");
        Map<String, String> before = snapshot();

        Path repo = Tp0FixtureRepos.create(dir, Tp0FixtureRepos.CORRECT);
        long start = System.nanoTime();
        Grading.Outcome outcome = Grading.run(repo, dir, Map.of(), "dev.tpharness.tp0.grading.Ej1Checks",
                "dev.tpharness.tp0.grading.Ej2Checks", "dev.tpharness.tp0.grading.Ej3Checks", "dev.tpharness.tp0.grading.Ej4Checks");
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(snapshot()).as("foreign resources after the grading run (id, labels, state)").isEqualTo(before);
        Map<String, String> faithful = new LinkedHashMap<>(outcome.failed());
        faithful.keySet().removeIf(k -> k.startsWith("(container)"));
        // a foreign holder of the course's names is outside the solution: those checks are NOT RUN, never FAIL
        assertThat(faithful.keySet()).as("checks that did not pass: only ej3's course-faithful validator checks")
                .hasSizeGreaterThanOrEqualTo(9).allSatisfy(k -> assertThat(k).contains("Ej3Checks").contains("Validator"));
        assertThat(outcome.aborted()).as("all of them NOT RUN (aborted), none failed").isEqualTo(faithful.keySet());
        assertThat(faithful.values()).allSatisfy(message -> assertThat(message)
                .contains("NOT RUN here: the course's fixed names are held on this Docker engine by something tp-harness did not create")
                .contains("network name 'tp0_testing_net'")
                .contains("docker rm -f <container>"));
        assertThat(faithful.entrySet()).filteredOn(e -> e.getKey().contains("successAgainstTheSolutionsServer"))
                .singleElement().satisfies(e -> assertThat(e.getValue())
                        .contains("container name 'server' (service 'server') is held by container " + server.substring(0, 12))
                        .contains("not made by tp-harness"));
        assertThat(outcome.passed()).as("every other check").hasSizeGreaterThanOrEqualTo(19);
        System.out.printf("[reliability] full grading run next to foreign resources: %d passed, %d failed, %d s%n",
                outcome.passed().size(), faithful.size(), took.toSeconds());
    }

    /** Id, labels and state of every foreign resource, plus the id of server:latest. */
    private Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        for (String c : Docker.labelled("container", label)) {
            s.put("container " + c, Docker.run("inspect", "-f", "{{.Name}} {{.Id}} {{json .Config.Labels}} {{.State.Status}}"
                    + " {{.State.StartedAt}} {{json .NetworkSettings.Networks}}", c).replaceAll("\"(EndpointID|IPAddress|Gateway|MacAddress)\":\"[^\"]*\"", ""));
        }
        s.put("network", Docker.run("network", "inspect", "-f", "{{.Id}} {{json .Labels}} {{json .IPAM.Config}}", "tp0_testing_net"));
        s.put("volume", Docker.run("volume", "inspect", "-f", "{{.Name}} {{json .Labels}} {{.CreatedAt}}", volume));
        s.put("image", Docker.run("image", "inspect", "-f", "{{.Id}} {{json .RepoTags}}", "server:latest"));
        return s;
    }

    /** Waits (bounded) until no container is named server or client1 and no network tp0_testing_net exists. */
    private static void awaitFree() {
        Poll.until("server, client1 and tp0_testing_net to be free", Duration.ofMinutes(2), Duration.ofMillis(500), () -> {
            List<String> taken = new ArrayList<>();
            for (String name : List.of("server", "client1")) {
                String holder = Docker.run("ps", "-a", "--filter", "name=^/" + name + "$", "--format", "{{.ID}} {{.Image}} {{.Status}}");
                if (!holder.isEmpty()) {
                    taken.add("container name " + name + " (" + holder + ")");
                }
            }
            if (!Docker.run("network", "ls", "-q", "--filter", "name=^tp0_testing_net$").isEmpty()) {
                taken.add("network tp0_testing_net");
            }
            return taken;
        }, List::isEmpty, taken -> new AssertionError("this test creates its own container named server and client1 and network"
                + " tp0_testing_net, but they are in use on this Docker engine for 2 minutes: " + taken + ". Run it when they are free"
                + " (this test never removes what it did not make)."));
    }
}
