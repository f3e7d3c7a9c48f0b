package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ResourceLimits;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

/** Default limits go to every service that sets none; a service's own settings always win. */
class ResourceLimitsTest {

    private static final String FILE = """
            services:
              plain:
                image: alpine:3.20
              own:
                image: alpine:3.20
                mem_limit: 1g
                pids_limit: 1000
                logging: {driver: local}
              deploy:
                image: alpine:3.20
                deploy: {resources: {limits: {memory: 2g, pids: 50}}}
            """;

    @Test
    void defaultsGoWhereAServiceSetsNone() {
        ComposeFile f = ComposeFile.parse(FILE, null).isolated(Map.of(), ResourceLimits.defaults());
        ObjectNode plain = f.service("plain");
        assertThat(plain.path("mem_limit").asString()).isEqualTo("512m");
        assertThat(plain.path("memswap_limit").asString()).as("no swap on top of the memory limit").isEqualTo("512m");
        assertThat(plain.path("pids_limit").asLong()).isEqualTo(256);
        assertThat(plain.path("logging").path("driver").asString()).isEqualTo("json-file");
        assertThat(plain.path("logging").path("options").path("max-size").asString()).isEqualTo("10m");
        assertThat(plain.path("logging").path("options").path("max-file").asString()).isEqualTo("3");
        ObjectNode own = f.service("own");
        assertThat(own.path("mem_limit").asString()).isEqualTo("1g");
        assertThat(own.has("memswap_limit")).isFalse();
        assertThat(own.path("pids_limit").asInt()).isEqualTo(1000);
        assertThat(own.path("logging").path("driver").asString()).isEqualTo("local");
        ObjectNode deploy = f.service("deploy");
        assertThat(deploy.has("mem_limit")).isFalse();
        assertThat(deploy.has("pids_limit")).isFalse();
    }

    @Test
    void noneAddsNothingAndTheOldRewriteIsUnchanged() {
        ComposeFile original = ComposeFile.parse(FILE, null);
        Map<String, String> project = Map.of("dev.tpharness.project", "tph-0123456789ab"); // the same neutral names in both
        assertThat(original.isolated(project, ResourceLimits.none()).toYaml()).isEqualTo(original.isolated(project).toYaml());
        assertThat(original.isolated(Map.of(), ResourceLimits.none()).service("plain").has("mem_limit")).isFalse();
    }

    @Test
    void stacksGetTheDefaultsInBothModesAndTheBuilderOrPropertiesChangeThem() {
        ComposeFile f = ComposeFile.parse(FILE, null);
        assertThat(ComposeStack.isolated(f).build().composeFile().service("plain").path("mem_limit").asString()).isEqualTo("512m");
        assertThat(ComposeStack.courseFaithful(f).build().composeFile().service("plain").path("pids_limit").asInt()).isEqualTo(256);
        assertThat(ComposeStack.isolated(f).limits(ResourceLimits.none()).build().composeFile().service("plain").has("mem_limit")).isFalse();
        assertThat(ComposeStack.isolated(f).settings(HarnessSettings.defaults().with("tp.limits.memory", "1g")).build().composeFile()
                .service("plain").path("mem_limit").asString()).isEqualTo("1g");
        assertThat(ComposeStack.isolated(f).settings(HarnessSettings.defaults().with("tp.limits.enabled", "false")).build().composeFile()
                .service("plain").has("logging")).isFalse();
        assertThat(ComposeStack.isolated(f).settings(HarnessSettings.defaults().with("tp.limits", "off")).build().composeFile()
                .service("plain").has("logging")).as("the older name").isFalse();
    }

    @Test
    void garbageSettingsAreNamed() {
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.limits.memory", "lots"))
                .hasMessageContaining("a tp.limits.* setting is not understood").hasMessageContaining("tp.limits.memory=lots is not a size");
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.limits.pids", "many"))
                .hasMessageContaining("tp.limits.pids=many is not a positive whole number");
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.limits", "maybe"))
                .hasMessageContaining("tp.limits=maybe is not understood");
        assertThatThrownBy(() -> new ResourceLimits("lots", 1, null, 1)).hasMessageContaining("memory limit=lots is not a size");
    }
}
