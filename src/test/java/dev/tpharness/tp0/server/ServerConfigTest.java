package dev.tpharness.tp0.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tpharness.tp0.common.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

    @TempDir
    Path dir;

    private Path ini(String text) throws Exception {
        return Files.writeString(dir.resolve("config.ini"), text);
    }

    @Test
    void readsTheFileAsGradersWriteIt_withoutTrailingNewline() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO");
        assertThat(ServerConfig.load(f, Map.of())).isEqualTo(new ServerConfig(12345, "server", 5, "INFO"));
    }

    @Test
    void environmentOverridesTheFile() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO\n");
        ServerConfig c = ServerConfig.load(f, Map.of("SERVER_PORT", "9000", "LOGGING_LEVEL", "DEBUG"));
        assertThat(c).isEqualTo(new ServerConfig(9000, "server", 5, "DEBUG"));
    }

    @Test
    void environmentAloneIsEnoughWhenTheFileIsMissing() throws Exception {
        ServerConfig c = ServerConfig.load(dir.resolve("absent.ini"),
                Map.of("SERVER_PORT", "1", "SERVER_IP", "x", "SERVER_LISTEN_BACKLOG", "2", "LOGGING_LEVEL", "error"));
        assertThat(c).isEqualTo(new ServerConfig(1, "x", 2, "error"));
    }

    @Test
    void missingKeyNamesTheKeyTheFileAndTheVariable() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nLOGGING_LEVEL = INFO\n");
        assertThatThrownBy(() -> ServerConfig.load(f, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("SERVER_LISTEN_BACKLOG")
                .hasMessageContaining(f.toString())
                .hasMessageContaining("environment variable SERVER_LISTEN_BACKLOG");
    }

    @Test
    void missingFileIsSaidSo() {
        assertThatThrownBy(() -> ServerConfig.load(dir.resolve("absent.ini"), Map.of()))
                .hasMessageContaining("absent.ini (which does not exist)");
    }

    @Test
    void badNumbersAreRejectedWithTheValue() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = twelve\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO\n");
        assertThatThrownBy(() -> ServerConfig.load(f, Map.of())).hasMessage("invalid SERVER_PORT 'twelve': not a whole number");
        assertThatThrownBy(() -> ServerConfig.load(f, Map.of("SERVER_PORT", "70000")))
                .hasMessage("invalid SERVER_PORT '70000': must be between 1 and 65535");
    }

    @Test
    void badLevelIsRejected() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = 1\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = LOUD\n");
        assertThatThrownBy(() -> ServerConfig.load(f, Map.of())).hasMessageContaining("invalid log level 'LOUD'");
    }

    @Test
    void garbageLineNamesFileAndLine() throws Exception {
        Path f = ini("[DEFAULT]\nSERVER_PORT = 1\nthis is not ini\n");
        assertThatThrownBy(() -> ServerConfig.load(f, Map.of())).hasMessageContaining(f + ":3:");
    }

    @Test
    void keysOfOtherSectionsAreIgnoredAndKeysAreCaseInsensitive() throws Exception {
        Path f = ini("[DEFAULT]\nserver_port=1\nSERVER_IP = s\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO\n[OTHER]\nSERVER_PORT = 2\n");
        assertThat(ServerConfig.load(f, Map.of()).port()).isEqualTo(1);
    }
}
