package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ComposeFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing local paths are named (file, service, path) before Docker is asked to do anything. */
class PreflightPathsTest {

    @TempDir
    Path dir;

    private ComposeFile rewritten(String yaml) throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose.yaml"), yaml);
        return ComposeFile.read(file).isolated(Map.of("dev.tpharness", "true"));
    }

    @Test
    void missingBuildContextIsNamed() throws Exception {
        ComposeFile f = rewritten("services:\n  server:\n    build: ./no-such-dir\n");
        assertThatThrownBy(() -> Preflight.paths(f)).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining(dir.resolve("docker-compose.yaml").toString())
                .hasMessageContaining("service 'server': build context " + dir.resolve("no-such-dir") + " does not exist");
    }

    @Test
    void missingDockerfileIsNamed() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        ComposeFile f = rewritten("services:\n  server:\n    build:\n      context: .\n      dockerfile: server/Dockerfile\n");
        assertThatThrownBy(() -> Preflight.paths(f)).hasMessageContaining("service 'server': Dockerfile "
                + dir.resolve("server/Dockerfile") + " does not exist");
    }

    @Test
    void missingBindMountSourcesAreNamedInBothSyntaxes() throws Exception {
        ComposeFile f = rewritten("""
                services:
                  server:
                    image: alpine:3.20
                    volumes:
                      - ./server/config.ini:/config.ini
                      - type: bind
                        source: ./client/config.yaml
                        target: /config.yaml
                      - data:/data
                volumes:
                  data: {}
                """);
        assertThatThrownBy(() -> Preflight.paths(f))
                .hasMessageContaining("service 'server': bind mount source " + dir.resolve("server/config.ini") + " does not exist")
                .hasMessageContaining("service 'server': bind mount source " + dir.resolve("client/config.yaml") + " does not exist")
                .hasMessageNotContaining("data");
    }

    @Test
    void missingEnvFileIsNamed() throws Exception {
        ComposeFile f = rewritten("services:\n  server:\n    image: alpine:3.20\n    env_file: server.env\n");
        assertThatThrownBy(() -> Preflight.paths(f)).hasMessageContaining("service 'server': env_file " + dir.resolve("server.env"));
    }

    @Test
    void aFileWhosePathsExistPasses() throws Exception {
        Files.createDirectories(dir.resolve("server"));
        Files.writeString(dir.resolve("server/Dockerfile"), "FROM alpine:3.20\n");
        Files.writeString(dir.resolve("server/config.ini"), "[DEFAULT]\n");
        ComposeFile f = rewritten("""
                services:
                  server:
                    build: {context: ., dockerfile: server/Dockerfile}
                    volumes: ["./server/config.ini:/config.ini", "data:/data"]
                volumes:
                  data: {}
                """);
        assertThatCode(() -> Preflight.paths(f)).doesNotThrowAnyException();
    }
}
