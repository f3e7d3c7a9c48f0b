package dev.tpharness.tp0.grading.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A graded repository's config file with garbage fails the check that reads it, naming the file, the line and the value. */
class Tp0WorkspaceConfigTest {

    @TempDir
    Path dir;

    private Tp0Workspace workspace(String ini) throws Exception {
        Files.createDirectories(dir.resolve("server"));
        if (ini != null) {
            Files.writeString(dir.resolve("server/config.ini"), ini);
        }
        return new Tp0Workspace(new Checkout("ej3", dir, "branch ej3", "0"), dir);
    }

    @Test
    void garbagePortIsNamedWithFileAndLine() throws Exception {
        Tp0Workspace ws = workspace("[DEFAULT]\nSERVER_IP = server\nSERVER_PORT = twelve\n");
        assertThatThrownBy(ws::serverPort).isInstanceOf(AssertionError.class)
                .hasMessage("ej3: server/config.ini line 3 (branch ej3): SERVER_PORT = 'twelve' is not a port number (1-65535)");
    }

    @Test
    void outOfRangePortIsNamed() throws Exception {
        assertThatThrownBy(workspace("SERVER_PORT = 70000")::serverPort).hasMessageContaining("line 1").hasMessageContaining("'70000'");
    }

    @Test
    void binaryGarbageIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        Files.write(dir.resolve("server/config.ini"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        Tp0Workspace ws = new Tp0Workspace(new Checkout("ej3", dir, "branch ej3", "0"), dir);
        assertThatThrownBy(ws::serverPort).hasMessageContaining("server/config.ini").hasMessageContaining("is not UTF-8 text");
    }

    @Test
    void aGoodPortOrNoFileGivesThePort() throws Exception {
        assertThat(workspace("[DEFAULT]\nSERVER_PORT = 4000\n").serverPort()).isEqualTo(4000);
        Files.delete(dir.resolve("server/config.ini"));
        assertThat(workspace(null).serverPort()).isEqualTo(12345);
    }
}
