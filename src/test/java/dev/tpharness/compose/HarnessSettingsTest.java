package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.model.ResourceLimits;

class HarnessSettingsTest {

    @Test
    void everyDefaultIsTheDocumentedOne() {
        HarnessSettings d = HarnessSettings.defaults();
        assertThat(d.composeCommand()).isEmpty();
        assertThat(d.strict()).isFalse();
        assertThat(d.dockerApiTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(d.dockerPingTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(d.pullTimeout()).isEqualTo(Duration.ofMinutes(2));
        assertThat(d.staleAfter()).contains(Duration.ofHours(1));
        assertThat(d.logsMaxInMemory()).isEqualTo(8L << 20);
        assertThat(d.outputDirectory()).isEmpty();
        assertThat(d.limits()).isEqualTo(ResourceLimits.defaults());
    }

    @Test
    void aLookupGivesEverySettingAndTheCurrentNameWinsOverTheOlderOne() {
        Map<String, String> given = Map.of("tp.pull.timeout", "1m", "tp.docker.pullTimeout", "3m", "tp.strict", "true",
                "tp.cleanup.staleAfter", "off", "tp.compose.command", "docker-compose", "tp.limits.logMaxFiles", "5");
        HarnessSettings s = HarnessSettings.from(key -> Optional.ofNullable(given.get(key)));
        assertThat(s.pullTimeout()).isEqualTo(Duration.ofMinutes(3));
        assertThat(s.strict()).isTrue();
        assertThat(s.nameOf(HarnessSettings.COMPOSE_STRICT)).isEqualTo("tp.strict");
        assertThat(s.staleAfter()).isEmpty();
        assertThat(s.composeCommand()).contains(java.util.List.of("docker-compose"));
        assertThat(s.limits().logMaxFiles()).isEqualTo(5);
    }

    @Test
    void withChangesOneSettingAndRefusesUnknownOnes() {
        HarnessSettings s = HarnessSettings.defaults().with(HarnessSettings.LOGS_MAX_IN_MEMORY, "512k");
        assertThat(s.logsMaxInMemory()).isEqualTo(512L << 10);
        assertThat(s.with(HarnessSettings.LOGS_MAX_IN_MEMORY, "")).isEqualTo(HarnessSettings.defaults());
        assertThatThrownBy(() -> s.with("tp.no.such", "1")).hasMessageStartingWith("unknown setting 'tp.no.such'; the settings are [");
        assertThatThrownBy(() -> s.with(HarnessSettings.DOCKER_API_TIMEOUT, "0"))
                .hasMessage("tp.docker.apiTimeout=0 must be positive");
    }

    @Test
    void theDocsTableListsEverySetting() throws Exception {
        String docs = Files.readString(Path.of(System.getProperty("tp.project.root", "")).resolve("docs/harness.md"));
        for (String key : HarnessSettings.KEYS) {
            assertThat(docs).as("docs/harness.md has a row for %s", key).contains("| `" + key + "` |");
        }
    }
}
