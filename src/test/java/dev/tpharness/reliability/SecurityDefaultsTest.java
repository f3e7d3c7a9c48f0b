package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ComposeFileException;
import dev.tpharness.compose.model.ResourceLimits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

/**
 * The rewrite never adds privileges, never mounts the Docker socket, never publishes a port that
 * was not asked for; strict mode refuses every way a compose file reaches onto the host, each
 * named with its service and setting, and lets a clean file through.
 */
class SecurityDefaultsTest {

    private static final Set<String> KEYS_THE_HARNESS_MAY_ADD = Set.of("labels", "mem_limit", "memswap_limit", "pids_limit", "logging",
            "container_name"); // a neutral name (tph-<id>-s<i>) in isolated copies

    private static final String WITH_PORTS = """
            services:
              web:
                image: alpine:3.20
                ports: ["8080:80", "127.0.0.1:9000:9000/udp", "5000"]
                volumes: ["./conf:/conf:ro", "data:/data"]
              worker:
                image: alpine:3.20
                container_name: worker
                networks: {net: {ipv4_address: 10.9.0.5}}
            networks:
              net: {ipam: {config: [{subnet: 10.9.0.0/24}]}}
            volumes:
              data: {}
            """;

    @TempDir
    Path dir;

    private ComposeFile file(String yaml) throws Exception {
        return ComposeFile.read(Files.writeString(dir.resolve("docker-compose.yaml"), yaml));
    }

    @Test
    void theRewriteAddsNothingButLabelsAndLimits() throws Exception {
        List<ComposeFile> inputs = List.of(file(WITH_PORTS),
                ComposeFile.read(Path.of(System.getProperty("tp.project.root", ".")).resolve("docker-compose-dev.yaml")));
        for (ComposeFile original : inputs) {
            for (ComposeFile rewritten : List.of(original.isolated(Map.of("dev.tpharness", "true"), ResourceLimits.defaults()),
                    original.labelled(Map.of("dev.tpharness", "true"), ResourceLimits.defaults()))) {
                assertThat(rewritten.hostAccess()).as("host access of the rewritten file").isEqualTo(List.of());
                for (String name : original.serviceNames()) {
                    JsonNode before = original.service(name);
                    JsonNode after = rewritten.service(name);
                    Set<String> added = new HashSet<>(after.propertyNames());
                    added.removeAll(new HashSet<>(before.propertyNames()));
                    assertThat(added).as("keys the rewrite added to service %s", name).isSubsetOf(KEYS_THE_HARNESS_MAY_ADD);
                    assertThat(after.path("ports").size()).as("ports of %s", name).isLessThanOrEqualTo(before.path("ports").size());
                    assertThat(after.path("volumes").size()).as("volumes of %s", name).isEqualTo(before.path("volumes").size());
                    assertThat(after.toString()).doesNotContain("docker.sock").doesNotContain("privileged").doesNotContain("cap_add");
                }
            }
        }
    }

    @Test
    void isolatedPortsGetEphemeralHostPortsAndNoNewOnes() throws Exception {
        ComposeFile rewritten = file(WITH_PORTS).isolated(Map.of("dev.tpharness", "true"), ResourceLimits.defaults());
        assertThat(rewritten.service("web").path("ports").values().stream().map(JsonNode::asString).toList())
                .containsExactly("80", "127.0.0.1::9000/udp", "5000");
        assertThat(rewritten.service("worker").has("ports")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "privileged: true                         | privileged: true",
        "network_mode: host                       | network_mode: host",
        "pid: host                                | pid: host",
        "ipc: host                                | ipc: host",
        "'cap_add: [SYS_ADMIN]'                   | cap_add: SYS_ADMIN",
        "'cap_add: [CAP_NET_ADMIN]'               | cap_add: CAP_NET_ADMIN",
        "'devices: [/dev/sda:/dev/sda]'           | devices:",
        "'security_opt: [seccomp:unconfined]'     | security_opt: seccomp:unconfined",
        "'volumes: [/:/host]'                     | volumes: bind mount of /",
        "'volumes: [/var/run/docker.sock:/var/run/docker.sock]' | volumes: bind mount of /var/run/docker.sock",
        "'volumes: [{type: bind, source: /run/docker.sock, target: /d.sock}]' | volumes: bind mount of /run/docker.sock",
        "'volumes: [/etc:/host-etc:ro]'           | volumes: bind mount of /etc",
    })
    void strictModeRefusesEachWayOntoTheHost(String setting, String named) throws Exception {
        ComposeFile f = file("services:\n  evil:\n    image: alpine:3.20\n    " + setting + "\n  good:\n    image: alpine:3.20\n");
        assertThatThrownBy(() -> ComposeStack.isolated(f).strict(true).build())
                .isInstanceOf(ComposeFileException.class)
                .hasMessageContaining("strict mode (tp.compose.strict=true) refuses this compose file; nothing was started")
                .hasMessageContaining("service 'evil': " + named)
                .hasMessageNotContaining("service 'good'");
        assertThatCode(() -> ComposeStack.isolated(f).strict(false).build()).as("without strict mode, stacks run as written")
                .doesNotThrowAnyException();
    }

    @Test
    void strictModeLetsACleanFileThroughAndIsOnWithTheSystemProperty() throws Exception {
        ComposeFile clean = file(WITH_PORTS);
        assertThatCode(() -> ComposeStack.isolated(clean).strict(true).build()).doesNotThrowAnyException();
        assertThatCode(() -> ComposeStack.courseFaithful(clean).strict(true).build()).doesNotThrowAnyException();
        ComposeFile evil = file("services:\n  evil:\n    image: alpine:3.20\n    privileged: true\n");
        assertThatThrownBy(() -> ComposeStack.isolated(evil).settings(HarnessSettings.defaults().with("tp.compose.strict", "true")).build())
                .hasMessageContaining("strict mode (tp.compose.strict=true)").hasMessageContaining("service 'evil': privileged: true");
        assertThatThrownBy(() -> ComposeStack.isolated(evil).settings(HarnessSettings.defaults().with("tp.strict", "true")).build())
                .as("the older name").hasMessageContaining("strict mode (tp.strict=true)");
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.strict", "maybe"))
                .hasMessageContaining("tp.strict=maybe is not understood; use true or false");
    }
}
