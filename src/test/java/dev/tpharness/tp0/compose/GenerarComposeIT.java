package dev.tpharness.tp0.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The repository's own {@code generar-compose.sh} with the jar the build packaged
 * ({@code target/tp0/tp0-app.jar}): what it writes is accepted by {@code docker compose config -q}.
 * The output goes to a temporary folder; the working tree is not touched.
 */
class GenerarComposeIT {

    @TempDir
    Path out;

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {0, 1, 5, 1000})
    void theFileIsValidForDockerCompose(int clients) throws IOException {
        Path file = out.resolve("docker-compose-dev.yaml");

        generate(file, clients).requireSuccess();

        assertThat(Files.readString(file)).isEqualTo(Tp0ComposeGenerator.generate(clients).toYaml());
        Command.of("docker", "compose", "-f", file.toString(), "config", "-q")
                .withTimeout(Duration.ofSeconds(60))
                .run()
                .requireSuccess();
    }

    @Test
    void composeSeesTheContractsProjectServicesAndNetwork() {
        Path file = out.resolve("docker-compose-dev.yaml");
        generate(file, 2).requireSuccess();

        CommandResult services = Command.of("docker", "compose", "-f", file.toString(), "config", "--services")
                .withTimeout(Duration.ofSeconds(60)).run().requireSuccess();
        CommandResult json = Command.of("docker", "compose", "-f", file.toString(), "config", "--format", "json")
                .withTimeout(Duration.ofSeconds(60)).run().requireSuccess();

        assertThat(services.stdout().lines()).containsExactlyInAnyOrder("server", "client1", "client2");
        assertThat(json.stdout()).contains("\"name\": \"tp0\"").contains("\"subnet\": \"172.25.125.0/24\"")
                .contains("\"name\": \"tp0_testing_net\"");
    }

    private CommandResult generate(Path file, int clients) {
        return Command.of("bash", ScriptCopy.repoRoot().resolve("generar-compose.sh").toString(), file.toString(),
                        String.valueOf(clients))
                .in(out)
                .withEnv("JAVA_HOME", System.getProperty("java.home"))
                .withTimeout(Duration.ofSeconds(120))
                .run();
    }
}
