package dev.tpharness.tp0.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.ContainerState;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.logs.LogStream;
import dev.tpharness.testsupport.CommandResult;
import dev.tpharness.tp0.exercises.support.Tp0ComposeChecks;
import dev.tpharness.tp0.exercises.support.Tp0Grading;
import dev.tpharness.tp0.exercises.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exercise 1: {@code generar-compose.sh} writes the contract's compose file, and that stack runs. */
@Tag("ej1")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej1")
class Ej1IT {

    @Nested
    @DisplayName("generar-compose.sh")
    class Generator {

        @ParameterizedTest(quoteTextArguments = false, name = "{0} clients: contract structure, accepted by docker compose config")
        @ValueSource(ints = {0, 1, 2, 5, 20})
        void writesTheContractStructure(int clients, Tp0Workspace ws) {
            ComposeFile file = ws.generate(clients);
            assertThat(Tp0ComposeChecks.structureViolations(file, clients))
                    .as("how docker-compose-dev.yaml for %d clients differs from the contract", clients).isEmpty();
            CommandResult config = ws.run(Duration.ofSeconds(60), "docker", "compose", "-f", "docker-compose-dev.yaml", "config", "-q");
            assertThat(config.exitCode()).as("docker compose config rejects the file: %s", config.describe()).isZero();
        }

        @ParameterizedTest(quoteTextArguments = false, name = "wrong use ''{0}'': non-zero exit, existing file untouched")
        @ValueSource(strings = {"", "abc", "-1", "1.5"})
        void wrongUseFailsCleanly(String clients, Tp0Workspace ws) throws Exception {
            Path out = ws.dir().resolve("existing.yaml");
            Files.writeString(out, "# keep me\n");
            CommandResult r = clients.isEmpty()
                    ? ws.run(ws.scriptTimeout(), "bash", "generar-compose.sh", "existing.yaml")
                    : ws.run(ws.scriptTimeout(), "bash", "generar-compose.sh", "existing.yaml", clients);
            assertThat(r.exitCode()).as("exit code of %s", r.describe()).isNotZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).as("existing output file after a wrong use").isEqualTo("# keep me\n");
        }

        @Test
        @DisplayName("no arguments: non-zero exit")
        void noArguments(Tp0Workspace ws) {
            CommandResult r = ws.run(ws.scriptTimeout(), "bash", "generar-compose.sh");
            assertThat(r.exitCode()).as("exit code of %s", r.describe()).isNotZero();
        }
    }

    @Nested
    @DisplayName("generated stack")
    class GeneratedStack {

        @ParameterizedTest(quoteTextArguments = false, name = "{0} clients x {1} messages: every message echoed, clients exit 0, server keeps running")
        @CsvSource({"1, 1", "2, 3", "5, 5"})
        void everyClientGetsEveryMessage(int clients, int messages, Tp0Workspace ws) {
            ComposeFile file = ws.runnable(ws.generate(clients),
                    Map.of("CLI_LOOP_AMOUNT", Integer.toString(messages), "CLI_LOOP_PERIOD", "100ms"));
            ComposeStack stack = ws.isolatedStack(file).up();
            for (int i = 1; i <= clients; i++) {
                String client = "client" + i;
                List<ContainerState> exited = stack.awaitExit(client, Duration.ofSeconds(60 + 2L * messages));
                LogStream log = LogStream.of(client, stack.logs(client));
                for (int k = 1; k <= messages; k++) {
                    String msg = "[CLIENT " + i + "] Message N\u00b0" + k;
                    assertThat(log.has(LogConditions.action("receive_message").result("success").field("msg", msg)))
                            .as("%s logged receive_message success with msg %s; its log:\n%s", client, msg, String.join("\n", log.rawTail()))
                            .isTrue();
                }
                assertThat(exited).as("%s after its loop", client).allSatisfy(s -> assertThat(s.exitCode()).contains(0));
            }
            assertThat(stack.states("server")).as("server after every client finished").allMatch(ContainerState::isRunning);
        }
    }
}
