package dev.tpharness.tp0.exercises;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.testsupport.CommandResult;
import dev.tpharness.tp0.exercises.support.Tp0Grading;
import dev.tpharness.tp0.exercises.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exercise 3: {@code validar-echo-server.sh} tells a working echo server from a broken one, and the
 * solution's server is byte-exact when the harness probes it itself.
 */
@Tag("ej3")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej3")
class Ej3IT {

    private static final String SUCCESS = "action: test_echo_server | result: success";
    private static final String FAIL = "action: test_echo_server | result: fail";
    /** The contract: a verdict within a few seconds, never a hang. */
    private static final Duration VERDICT_BOUND = Duration.ofSeconds(10);
    private static final Path PROJECT_ROOT = Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath();

    /**
     * The student's validator hard-codes {@code tp0_testing_net}: these stacks are course-faithful
     * (project tp0, names as written) and so run one at a time.
     */
    @Nested
    @DisplayName("validar-echo-server.sh")
    class Validator {

        @Test
        @DisplayName("success against the solution's own server")
        void successAgainstTheSolutionsServer(Tp0Workspace ws) {
            ComposeStack stack = ws.faithfulStack(ws.runnable(ws.generate(0), Map.of())).up();
            stack.logStream("server").await(LogConditions.action("accept_connections").result("in_progress"), Duration.ofSeconds(30));
            expectVerdict(ws, SUCCESS, true);
        }

        @Test
        @DisplayName("success against a healthy mock echo server")
        void successAgainstAHealthyMock(Tp0Workspace ws) {
            mock(ws, "mock-echo-healthy.yaml");
            expectVerdict(ws, SUCCESS, true);
        }

        @Test
        @DisplayName("fail against a mock that prefixes its reply")
        void failAgainstAnUnhealthyMock(Tp0Workspace ws) {
            mock(ws, "mock-echo-unhealthy.yaml");
            expectVerdict(ws, FAIL, false);
        }

        @Test
        @DisplayName("fail with no server on the network")
        void failWithNoServer(Tp0Workspace ws) {
            ComposeFile idle = ComposeFile.parse("services:\n  idle:\n    image: alpine:3.20\n    pull_policy: never\n"
                    + "    command: [\"sleep\", \"600\"]\n    networks: [testing_net]\nnetworks:\n  testing_net: {}\n", ws.dir().resolve("idle.yaml"));
            ws.faithfulStack(idle).up();
            expectVerdict(ws, FAIL, false);
        }

        /** A mock from compose/ as service {@code server} of project tp0, on the port the solution's config names. */
        private void mock(Tp0Workspace ws, String file) {
            ComposeFile mock = ComposeFile.read(PROJECT_ROOT.resolve("compose").resolve(file));
            mock.root().remove("name");
            ObjectNode server = mock.service("server");
            server.putObject("environment").put("PORT", Integer.toString(ws.serverPort()));
            ComposeStack stack = ws.faithfulStack(mock).up();
            stack.logStream("server").await(LogConditions.action("config").result("success"), Duration.ofSeconds(30));
        }

        private void expectVerdict(Tp0Workspace ws, String line, boolean success) {
            CommandResult r = ws.run(Duration.ofSeconds(60), "sh", "validar-echo-server.sh");
            assertThat(r.stdout().strip()).as("what validar-echo-server.sh printed: %s", r.describe()).isEqualTo(line);
            if (success) {
                assertThat(r.exitCode()).as("exit code on success: %s", r.describe()).isZero();
            } else {
                assertThat(r.exitCode()).as("exit code on failure: %s", r.describe()).isNotZero();
            }
            assertThat(r.duration()).as("time to the verdict").isLessThan(VERDICT_BOUND);
        }
    }

    @Nested
    @DisplayName("harness netcat probe")
    class Probe {

        @Test
        @DisplayName("the server echoes a plain line, UTF-8 and a 64 KiB line byte for byte")
        void serverIsByteExact(Tp0Workspace ws) {
            ComposeStack stack = ws.isolatedStack(ws.runnable(ws.generate(0), Map.of())).up();
            stack.logStream("server").await(LogConditions.action("accept_connections").result("in_progress"), Duration.ofSeconds(30));
            byte[] big = new byte[64 * 1024];
            Arrays.fill(big, (byte) 'a');
            big[big.length - 1] = '\n';
            for (byte[] payload : new byte[][] {
                "hello from tp-harness\n".getBytes(StandardCharsets.UTF_8),
                "acentos: \u00e1\u00e9\u00ed\u00f3\u00fa \u00f1 N\u00b0 \u2713 \ud83d\ude80\n".getBytes(StandardCharsets.UTF_8),
                big}) {
                assertThat(ws.echo(stack, "testing_net", "server", ws.serverPort(), payload)).isByteExact();
            }
        }
    }
}
