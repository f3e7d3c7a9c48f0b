package dev.tpharness.tp0.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.tpharness.tp0.common.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientConfigTest {

    private static final String DEFAULTS = "server:\n  address: \"server:12345\"\nloop:\n  amount: 5\n  period: \"5s\"\nlog:\n  level: \"INFO\"\n";

    @TempDir
    Path dir;

    private Path yaml(String text) throws Exception {
        return Files.writeString(dir.resolve("config.yaml"), text);
    }

    @Test
    void fileOnlyPlusClientId() throws Exception {
        ClientConfig c = ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1"));
        assertThat(c).isEqualTo(new ClientConfig("1", "server:12345", 5, Duration.ofSeconds(5), "INFO"));
        assertThat(c.host()).isEqualTo("server");
        assertThat(c.port()).isEqualTo(12345);
    }

    @Test
    void environmentOnly() throws Exception {
        ClientConfig c = ClientConfig.load(dir.resolve("absent.yaml"), Map.of("CLI_ID", "3", "CLI_SERVER_ADDRESS", "h:1",
                "CLI_LOOP_AMOUNT", "2", "CLI_LOOP_PERIOD", "100ms", "CLI_LOG_LEVEL", "DEBUG"));
        assertThat(c).isEqualTo(new ClientConfig("3", "h:1", 2, Duration.ofMillis(100), "DEBUG"));
    }

    @Test
    void environmentOverridesFile() throws Exception {
        ClientConfig c = ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "2", "CLI_LOOP_PERIOD", "1m30s", "CLI_LOOP_AMOUNT", "0"));
        assertThat(c.loopPeriod()).isEqualTo(Duration.ofSeconds(90));
        assertThat(c.loopAmount()).isZero();
        assertThat(c.serverAddress()).isEqualTo("server:12345");
    }

    @Test
    void unknownKeysOfLaterExercisesAreIgnored() throws Exception {
        ClientConfig c = ClientConfig.load(yaml(DEFAULTS + "batch:\n  maxAmount: 10\n"), Map.of("CLI_ID", "1"));
        assertThat(c.loopAmount()).isEqualTo(5);
    }

    @Test
    void missingKeyNamesItTheFileAndTheVariable() throws Exception {
        Path f = yaml("server:\n  address: \"server:12345\"\nloop:\n  amount: 5\nlog:\n  level: INFO\n");
        assertThatThrownBy(() -> ClientConfig.load(f, Map.of("CLI_ID", "1")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("missing configuration key loop.period: set it in " + f + " or in the environment variable CLI_LOOP_PERIOD");
    }

    @Test
    void missingIdSaysToSetCliId() throws Exception {
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of())).hasMessageContaining("CLI_ID");
    }

    @Test
    void badNumber() throws Exception {
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1", "CLI_LOOP_AMOUNT", "five")))
                .hasMessage("invalid loop.amount 'five': must be a whole number, 0 or more");
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1", "CLI_LOOP_AMOUNT", "-1")))
                .hasMessageContaining("invalid loop.amount '-1'");
    }

    @Test
    void badDuration() throws Exception {
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1", "CLI_LOOP_PERIOD", "5")))
                .hasMessageContaining("invalid loop.period").hasMessageContaining("missing unit");
    }

    @Test
    void badAddress() throws Exception {
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1", "CLI_SERVER_ADDRESS", "server")))
                .hasMessageContaining("expected host:port");
        assertThatThrownBy(() -> ClientConfig.load(yaml(DEFAULTS), Map.of("CLI_ID", "1", "CLI_SERVER_ADDRESS", "server:0")))
                .hasMessageContaining("between 1 and 65535");
    }

    @Test
    void garbageYamlNamesFileAndLine() throws Exception {
        Path f = yaml("server:\n  address: [unclosed\nloop: {\n");
        assertThatThrownBy(() -> ClientConfig.load(f, Map.of("CLI_ID", "1")))
                .hasMessageStartingWith(f.toString() + ":")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void aSectionWhereAValueBelongsIsRejected() throws Exception {
        Path f = yaml("server:\n  address:\n    host: x\nloop:\n  amount: 5\n  period: 5s\nlog:\n  level: INFO\n");
        assertThatThrownBy(() -> ClientConfig.load(f, Map.of("CLI_ID", "1"))).hasMessageContaining("invalid server.address");
    }
}
