package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.ContainerState;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.logs.LogStream;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.Required;
import dev.tpharness.tp0.grading.support.Tp0ComposeChecks;
import dev.tpharness.tp0.grading.support.Tp0Grading;
import dev.tpharness.tp0.grading.support.Tp0Workspace;
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

/**
 * Exercise 1: {@code generar-compose.sh} writes a compose file with N clients, and that stack runs.
 * REQUIRED: what the statement and the course's test_ej1 ask; ADVISORY: the rest of the base file
 * and a careful script's behaviour.
 */
@Tag("ej1")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej1")
public class Ej1Checks {

    static final String SOURCE = "statement ex. 1; course test_ej1";

    @Nested
    @DisplayName("generar-compose.sh")
    class Generator {

        @ParameterizedTest(quoteTextArguments = false,
                name = "{0} clients: exit 0, accepted by docker compose config, services and container names server, client1..client{0}")
        @ValueSource(ints = {1, 2, 5, 20})
        @Required(SOURCE + ": `bash generar-compose.sh <file> N` writes a compose file with the server and N clients")
        void writesTheServerAndNClients(int clients, Tp0Workspace ws) {
            ComposeFile file = ws.generate(clients);
            CommandResult config = ws.run(Duration.ofSeconds(60), "docker", "compose", "-f", "docker-compose-dev.yaml", "config", "-q");
            assertThat(config.exitCode()).as("docker compose config rejects the generated file: %s", config.describe()).isZero();
            assertThat(Tp0ComposeChecks.requiredViolations(file, clients))
                    .as("how docker-compose-dev.yaml for %d clients differs from what the course asks", clients).isEmpty();
        }

        @Test
        @DisplayName("0 clients accepted (server only)")
        @Advisory("the course's ej3 test generates 0 clients (a server alone); a generator should accept it from ej1 on")
        void acceptsZeroClients(Tp0Workspace ws) {
            ComposeFile file = ws.generate(0);
            assertThat(Tp0ComposeChecks.requiredViolations(file, 0)).as("the file for 0 clients").isEmpty();
        }

        @ParameterizedTest(quoteTextArguments = false, name = "wrong use {0}: non-zero exit, an existing file untouched")
        @ValueSource(strings = {"(no arguments)", "(one argument)", "abc", "-1", "1.5"})
        @Advisory("a script that accepts bad input or exits 0 on it hides mistakes from its callers and may clobber a good file")
        void wrongUseFailsCleanly(String use, Tp0Workspace ws) throws Exception {
            Path out = ws.dir().resolve("existing.yaml");
            Files.writeString(out, "# keep me\n");
            CommandResult r = switch (use) {
                case "(no arguments)" -> ws.runGenerator();
                case "(one argument)" -> ws.runGenerator("existing.yaml");
                default -> ws.runGenerator("existing.yaml", use);
            };
            assertThat(r.exitCode()).as("exit code of %s", r.describe()).isNotZero();
            assertThat(Files.readString(out, StandardCharsets.UTF_8)).as("existing output file after a wrong use").isEqualTo("# keep me\n");
        }

        @Test
        @DisplayName("name tp0, images, CLI_ID, depends_on, network and subnet as in the base file (1, 2, 5, 20 clients)")
        @Advisory("the base file's project name, images, ids, start order and fixed subnet are what course scripts and later exercises assume")
        void followsTheBaseFile(Tp0Workspace ws) {
            List<String> differences = new ArrayList<>();
            for (int clients : new int[] {1, 2, 5, 20}) {
                Tp0ComposeChecks.advisoryViolations(ws.generate(clients), clients).forEach(v -> differences.add(clients + " clients: " + v));
            }
            assertThat(differences).as("how the generated files differ from the base file").isEmpty();
        }
    }

    @Nested
    @DisplayName("generated stack")
    class GeneratedStack {

        @ParameterizedTest(quoteTextArguments = false,
                name = "{0} clients x {1} messages: every message logged, no result: fail, clients exit 0 by themselves, server keeps running")
        @CsvSource({"1, 2", "2, 3", "5, 2"})
        @Required(SOURCE + ": the generated stack runs, every client sends its messages and ends")
        void everyClientGetsEveryMessage(int clients, int messages, Tp0Workspace ws) {
            // as the course: the loop is written to client/config.yaml; the same values through CLI_* reach
            // solutions whose ej1 image bakes the file in instead of mounting it (ej2)
            ws.editClientConfig(Map.of("loop.amount", messages, "loop.period", "100ms"));
            ComposeFile file = ws.runnable(ws.generate(clients),
                    Map.of("CLI_LOOP_AMOUNT", Integer.toString(messages), "CLI_LOOP_PERIOD", "100ms"));
            ComposeStack stack = ws.isolatedStack(file).up();
            List<String> fails = new ArrayList<>();
            for (int i = 1; i <= clients; i++) {
                String client = "client" + i;
                List<ContainerState> exited = stack.awaitExit(client, Duration.ofSeconds(90));
                LogStream log = LogStream.of(client, stack.logs(client));
                for (int k = 1; k <= messages; k++) {
                    // the number is what the course asks; the "[CLIENT i] " prefix comes from CLI_ID=<i>, advice (followsTheBaseFile)
                    String numbered = "Message N\u00b0" + k;
                    assertThat(log.has(LogConditions.action("receive_message").result("success")
                            .and("msg ends with " + numbered, l -> l.field("msg").map(m -> m.endsWith(numbered)).orElse(false))))
                            .as("%s logged receive_message success with a msg ending in %s; its log:\n%s", client, numbered,
                                    String.join("\n", log.rawTail()))
                            .isTrue();
                }
                assertThat(exited).as("%s after its loop", client).allSatisfy(s -> assertThat(s.exitCode()).contains(0));
                log.lines().stream().filter(l -> l.result().equals("fail")).forEach(l -> fails.add(client + ": " + l.raw()));
            }
            assertThat(stack.states("server")).as("server after every client finished").allMatch(ContainerState::isRunning);
            LogStream.of("server", stack.logs("server")).lines().stream().filter(l -> l.result().equals("fail"))
                    .forEach(l -> fails.add("server: " + l.raw()));
            assertThat(fails).as("lines with result: fail").isEmpty();
        }
    }
}
