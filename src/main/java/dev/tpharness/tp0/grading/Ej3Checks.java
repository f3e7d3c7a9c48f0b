package dev.tpharness.tp0.grading;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.NotRunHere;
import dev.tpharness.grading.Required;
import dev.tpharness.tp0.grading.support.Tp0ComposeChecks;
import dev.tpharness.tp0.grading.support.Tp0Grading;
import dev.tpharness.tp0.grading.support.Tp0Workspace;
import dev.tpharness.tp0.grading.support.Tp0Workspace.ValidatorRun;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Exercise 3: {@code validar-echo-server.sh} tells a working echo server from a broken one, as the
 * course's test_ej3 checks it (a substring of stdout), and the solution's server is byte-exact when
 * the harness probes it itself. Each validator scenario runs once; several checks judge it.
 */
@Tag("ej3")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej3")
public class Ej3Checks {

    static final String SOURCE = "statement ex. 3; course test_ej3";
    private static final String SUCCESS = "action: test_echo_server | result: success";
    private static final String FAIL = "action: test_echo_server | result: fail";
    private static final Path PROJECT_ROOT = Tp0Grading.projectRoot();

    /** Another port than the contract's, for the mock that shows whether the validator reads config.ini. */
    private static final int OTHER_PORT = 12377;

    /**
     * The validator hard-codes {@code tp0_testing_net}: its stacks are course-faithful (project tp0,
     * names as written) and so run one at a time.
     */
    @Nested
    @DisplayName("validar-echo-server.sh")
    class Validator {

        @Test
        @DisplayName("against a healthy echo mock: a line says result: success")
        @Required(SOURCE + ": the validator reports success against a working echo server (a line contains the success status)")
        void successAgainstAHealthyMock(Tp0Workspace ws) {
            expectSuccess(healthy(ws));
        }

        @Test
        @DisplayName("against a mock that prefixes its reply: a line says result: fail, none success")
        @Required(SOURCE + ": the validator reports fail when the reply differs from the message")
        void failAgainstAPrefixingMock(Tp0Workspace ws) {
            expectFail(prefixing(ws));
        }

        @Test
        @DisplayName("with no server on the network: a line says result: fail, none success")
        @Required(SOURCE + ": the validator reports fail when no server answers")
        void failWithNoServer(Tp0Workspace ws) {
            expectFail(noServer(ws));
        }

        @Test
        @DisplayName("against the solution's own server (generar-compose.sh ... 0, up): success")
        @Required(SOURCE + ": the course generates 0 clients, starts the stack and runs the validator against the solution's server")
        void successAgainstTheSolutionsServer(Tp0Workspace ws) {
            expectSuccess(ownServer(ws));
        }

        @Test
        @DisplayName("every run ends within 60 s")
        @Required(SOURCE + ": the course's test gives the validator 60 s")
        void endsWithinTheCoursesBound(Tp0Workspace ws) {
            List<String> slow = new ArrayList<>();
            runs(ws).forEach((scenario, run) -> {
                if (run.timedOut()) {
                    slow.add(scenario + ": " + run.describe());
                }
            });
            assertThat(slow).as("validator runs killed after %d s", Tp0Workspace.VALIDATOR_BOUND.toSeconds()).isEmpty();
        }

        @Test
        @DisplayName("works with no netcat on the host")
        @Required(SOURCE + ": netcat is not installed on the host; the validator must run it in a container on the stack's network")
        void needsNoNetcatOnTheHost(Tp0Workspace ws) {
            ValidatorRun run = healthy(ws);
            assertThat(run.hostNetcatCalls()).as("netcat calls on the host: %s", run.describe()).isEmpty();
            assertThat(run.saysSuccess()).as("success with a PATH whose nc/netcat fail: %s", run.describe()).isTrue();
        }

        @Test
        @DisplayName("the compose file publishes no server port")
        @Required(SOURCE + ": the server is reached on the Docker network, without exposing its port on the host")
        void publishesNoServerPort(Tp0Workspace ws) {
            ComposeFile file = ws.generate(1);
            assertThat(Tp0ComposeChecks.publishedPorts(file, "server")).as("ports: of the server in docker-compose-dev.yaml").isEmpty();
        }

        @Test
        @DisplayName("stdout is exactly the status line")
        @Advisory("tools that read the result compare the whole output; banners and raw replies belong on stderr")
        void printsExactlyTheStatusLine(Tp0Workspace ws) {
            List<String> extra = new ArrayList<>();
            runs(ws).forEach((scenario, run) -> {
                String expected = shouldSucceed(scenario, run) ? SUCCESS : FAIL;
                if (!run.stdout().strip().equals(expected)) {
                    extra.add(scenario + " (expected exactly '" + expected + "'): " + run.describe());
                }
            });
            assertThat(extra).as("runs whose stdout is not exactly the status line").isEmpty();
        }

        @Test
        @DisplayName("exit code 0 on success, non-zero on fail")
        @Advisory("scripts and CI read the exit code, not the text")
        void exitCodeTellsTheResult(Tp0Workspace ws) {
            List<String> wrong = new ArrayList<>();
            runs(ws).forEach((scenario, run) -> {
                boolean shouldSucceed = shouldSucceed(scenario, run);
                if (!run.timedOut() && (run.exitCode() == 0) != shouldSucceed) {
                    wrong.add(scenario + " (expected " + (shouldSucceed ? "0" : "non-zero") + "): " + run.describe());
                }
            });
            assertThat(wrong).as("runs whose exit code contradicts the result").isEmpty();
        }

        @Test
        @DisplayName("a verdict within 10 s")
        @Advisory("a check that answers in seconds can run after every change; a down server should fail fast, not at a long timeout")
        void answersWithinTenSeconds(Tp0Workspace ws) {
            List<String> slow = new ArrayList<>();
            runs(ws).forEach((scenario, run) -> {
                // what its own containers cost on this machine at that moment is the machine's load, not the script's
                // (a run killed at the bound is slow whatever its containers cost)
                if (run.timedOut() || run.duration().compareTo(Tp0Workspace.QUICK_VERDICT.plus(run.containerAllowance())) > 0) {
                    slow.add(scenario + " (" + run.containerRuns() + " container run(s), allowed " + String.format(java.util.Locale.ROOT,
                            "%.1f s", run.containerAllowance().toMillis() / 1000.0) + " on top): " + run.describe());
                }
            });
            assertThat(slow).as("runs that took more than 10 s beyond what their containers cost on this machine").isEmpty();
        }

        @Test
        @DisplayName("host and port read from server/config.ini (a server on another port)")
        @Advisory("the server's address is configuration: a validator that hard-codes 12345 breaks when config.ini changes")
        void readsHostAndPortFromTheConfig(Tp0Workspace ws) {
            ValidatorRun run = ws.shared("validator-other-port", w -> {
                w.editServerConfig(Map.of("SERVER_PORT", Integer.toString(OTHER_PORT)));
                mock(w, "mock-echo-healthy.yaml", OTHER_PORT);
                return w.runValidator();
            });
            assertThat(run.saysSuccess()).as("SERVER_PORT = %d in server/config.ini, a healthy mock on that port: %s", OTHER_PORT,
                    run.describe()).isTrue();
        }
    }

    @Nested
    @DisplayName("harness netcat probe")
    class Probe {

        @Test
        @DisplayName("the server echoes hello\\n byte for byte")
        @Required(SOURCE + ": the server echoes the message it receives")
        void echoesAShortLine(Tp0Workspace ws) {
            assertThat(probed(ws).get("ascii")).isByteExact();
        }

        @Test
        @DisplayName("a UTF-8 line echoed byte for byte")
        @Advisory("messages carry names and accents (the course's own client sends N\u00b0): bytes, not characters, must come back")
        void echoesUtf8(Tp0Workspace ws) {
            assertThat(probed(ws).get("utf8")).isByteExact();
        }

        @Test
        @DisplayName("a line without a trailing newline echoed as it came (after the peer's half-close)")
        @Advisory("an echo server returns what it got; adding or stripping bytes breaks any client that compares")
        void echoesWithoutAddingANewline(Tp0Workspace ws) {
            assertThat(probed(ws).get("no-newline")).isByteExact();
        }

        @Test
        @DisplayName("a 64 KiB line echoed byte for byte")
        @Advisory("one recv() returns at most what has arrived: a server must read until the newline and write until every byte is sent")
        void echoes64KiB(Tp0Workspace ws) {
            assertThat(probed(ws).get("64KiB")).isByteExact();
        }

        /** One isolated stack of the solution's server, probed with every payload once. */
        private Map<String, EchoExchange> probed(Tp0Workspace ws) {
            return ws.shared("probe", w -> {
                ComposeStack stack = w.isolatedStack(w.runnable(Tp0Workspace.serverOnly(w.generate(1)), Map.of())).up();
                int port = w.serverPort();
                w.awaitServer(stack, "testing_net", "server", port, Duration.ofSeconds(30));
                byte[] big = new byte[64 * 1024];
                Arrays.fill(big, (byte) 'a');
                big[big.length - 1] = '\n';
                Map<String, byte[]> payloads = new LinkedHashMap<>();
                payloads.put("ascii", "hello\n".getBytes(StandardCharsets.UTF_8));
                payloads.put("utf8", "acentos: \u00e1\u00e9\u00ed\u00f3\u00fa \u00f1 N\u00b0 \u2713 \ud83d\ude80\n".getBytes(StandardCharsets.UTF_8));
                payloads.put("no-newline", "no newline at the end".getBytes(StandardCharsets.UTF_8));
                payloads.put("64KiB", big);
                Map<String, EchoExchange> results = new LinkedHashMap<>();
                payloads.forEach((name, bytes) -> results.put(name, w.echo(stack, "testing_net", "server", port, bytes)));
                return results;
            });
        }
    }

    // --- the validator scenarios, each run once per graded exercise ------------------------------

    private static ValidatorRun healthy(Tp0Workspace ws) {
        return ws.shared("validator-healthy-mock", w -> {
            mock(w, "mock-echo-healthy.yaml", w.serverPort());
            return w.runValidator();
        });
    }

    private static ValidatorRun prefixing(Tp0Workspace ws) {
        return ws.shared("validator-prefixing-mock", w -> {
            mock(w, "mock-echo-unhealthy.yaml", w.serverPort());
            return w.runValidator();
        });
    }

    private static ValidatorRun noServer(Tp0Workspace ws) {
        return ws.shared("validator-no-server", w -> {
            ComposeFile idle = ComposeFile.parse("services:\n  idle:\n    image: alpine:3.20\n    pull_policy: never\n"
                    + "    command: [\"sleep\", \"600\"]\n    networks: [testing_net]\nnetworks:\n  testing_net: {}\n", w.dir().resolve("idle.yaml"));
            w.upFaithful(idle);
            return w.runValidator();
        });
    }

    private static ValidatorRun ownServer(Tp0Workspace ws) {
        return ws.shared("validator-own-server", w -> {
            ComposeStack stack = w.upFaithful(w.runnable(w.generate(0), Map.of()));
            w.awaitServer(stack, "testing_net", "server", w.serverPort(), Duration.ofSeconds(30));
            return w.runValidator();
        });
    }

    private static final String OWN_SERVER = "success against the solution's server";

    /**
     * What a run should have reported, for the advice on its output and exit code: the mocks'
     * scenarios say it. Against the solution's own server, a run that reported fail is judged as a
     * fail run: whether that server echoes is the REQUIRED checks' business, and a validator that
     * says so exactly, with a non-zero exit, is doing its job.
     */
    private static boolean shouldSucceed(String scenario, ValidatorRun run) {
        if (scenario.startsWith("fail")) {
            return false;
        }
        return !(scenario.equals(OWN_SERVER) && run.stdout().contains(FAIL) && !run.stdout().contains(SUCCESS));
    }

    /**
     * Every validator run that could be made, by scenario ({@code success ...} or {@code fail ...});
     * a scenario whose set-up failed or cannot run here is left out: its own check reports it.
     */
    private static Map<String, ValidatorRun> runs(Tp0Workspace ws) {
        Map<String, Function<Tp0Workspace, ValidatorRun>> scenarios = new LinkedHashMap<>();
        scenarios.put("success against a healthy mock", Ej3Checks::healthy);
        scenarios.put(OWN_SERVER, Ej3Checks::ownServer);
        scenarios.put("fail against a prefixing mock", Ej3Checks::prefixing);
        scenarios.put("fail with no server", Ej3Checks::noServer);
        Map<String, ValidatorRun> runs = new LinkedHashMap<>();
        List<String> notRun = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        scenarios.forEach((name, scenario) -> {
            try {
                runs.put(name, scenario.apply(ws));
            } catch (NotRunHere e) {
                notRun.add(name + ": " + e.getMessage());
            } catch (RuntimeException | AssertionError e) {
                failed.add(name + ": " + e.getMessage());
            }
        });
        if (runs.isEmpty() && failed.isEmpty()) {
            throw new NotRunHere("no validator scenario could run (" + String.join("; ", notRun) + ")", "see those checks");
        }
        if (runs.isEmpty()) {
            throw new AssertionError("no validator scenario could be set up:\n  " + String.join("\n  ", failed));
        }
        return runs;
    }

    private static void expectSuccess(ValidatorRun run) {
        assertThat(run.saysSuccess()).as("a line of stdout contains '%s': %s", SUCCESS, run.describe()).isTrue();
    }

    private static void expectFail(ValidatorRun run) {
        assertThat(run.saysFail()).as("a line of stdout contains '%s': %s", FAIL, run.describe()).isTrue();
        assertThat(run.saysSuccess()).as("no line of stdout contains '%s': %s", SUCCESS, run.describe()).isFalse();
    }

    /** A mock from compose/ as service {@code server} of project tp0 on {@code tp0_testing_net}, listening on {@code port}. */
    private static void mock(Tp0Workspace ws, String file, int port) {
        ComposeFile mock = ComposeFile.read(PROJECT_ROOT.resolve("compose").resolve(file));
        mock.root().remove("name");
        ObjectNode server = mock.service("server");
        // echoes until the peer's half-close, like the course's mock (not one line, then close)
        server.putObject("environment").put("PORT", Integer.toString(port)).put("ECHO_UNTIL", "eof");
        ComposeStack stack = ws.upFaithful(mock);
        stack.logStream("server").await(LogConditions.action("config").result("success"), Duration.ofSeconds(30));
    }
}
