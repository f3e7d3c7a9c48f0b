package dev.tpharness.tp0.exercises;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogCondition;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.logs.LogLine;
import dev.tpharness.logs.LogStream;
import dev.tpharness.tp0.exercises.support.Tp0ComposeChecks;
import dev.tpharness.tp0.exercises.support.Tp0Grading;
import dev.tpharness.tp0.exercises.support.Tp0Images;
import dev.tpharness.tp0.exercises.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Exercise 2: configuration lives outside the images; changing the files takes effect on {@code up}. */
@Tag("ej2")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej2")
class Ej2IT {

    /** One configuration of both applications, as graders write it into the config files. */
    record Config(int port, int backlog, String serverLevel, int amount, String period, String clientLevel) {
        Map<String, String> ini() {
            Map<String, String> ini = new LinkedHashMap<>();
            ini.put("SERVER_PORT", Integer.toString(port));
            ini.put("SERVER_IP", "server");
            ini.put("SERVER_LISTEN_BACKLOG", Integer.toString(backlog));
            ini.put("LOGGING_LEVEL", serverLevel);
            return ini;
        }
    }

    // The first configuration uses INFO on both sides: a compose file that forces another level
    // through the environment shows up in the config lines, not only in the file check.
    private static final Config FIRST = new Config(12345, 7, "INFO", 2, "150ms", "INFO");
    private static final Config SECOND = new Config(12399, 3, "DEBUG", 3, "1m30s", "DEBUG");

    @Test
    @DisplayName("config files are mounted and no environment variable overrides them")
    void configFilesAreMountedAndNotOverridden(Tp0Workspace ws) {
        ComposeFile file = ws.generate(1);
        assertThat(Tp0ComposeChecks.configOverrides(file)).as("variables in docker-compose-dev.yaml that override the config files").isEmpty();
        assertThat(Tp0ComposeChecks.mounts(file, "server", "server/config.ini")).as("server mounts ./server/config.ini").isTrue();
        assertThat(Tp0ComposeChecks.mounts(file, "client1", "client/config.yaml")).as("client1 mounts ./client/config.yaml").isTrue();
    }

    @Test
    @DisplayName("two configurations take effect on up, with the same images (no rebuild)")
    void twoConfigurationsTakeEffectWithoutRebuilding(Tp0Workspace ws) {
        ComposeFile file = ws.runnable(ws.generate(1), Map.of());
        String serverImage = Tp0Images.imageId(ws.images().server());
        String clientImage = Tp0Images.imageId(ws.images().client());
        for (Config config : new Config[] {FIRST, SECOND}) {
            ws.writeServerConfig(config.ini());
            // a short first run; the second one's long period is only printed back, never slept through
            ws.writeClientConfig("server:" + config.port(), config == FIRST ? config.amount() : 0, config.period(), config.clientLevel());
            ComposeStack stack = ws.isolatedStack(file).up();
            LogStream server = stack.logStream("server");
            LogStream client = stack.logStream("client1");
            expectConfigLine(server, Map.of("port", Integer.toString(config.port()),
                    "listen_backlog", Integer.toString(config.backlog()), "logging_level", config.serverLevel()));
            expectConfigLine(client, Map.of("server_address", "server:" + config.port(),
                    "loop_amount", Integer.toString(config == FIRST ? config.amount() : 0),
                    "loop_period", config.period(), "log_level", config.clientLevel()));
            if (config == FIRST) {
                expect(client, LogConditions.action("receive_message").result("success").count(config.amount()));
            }
            stack.close();
        }
        assertThat(Tp0Images.imageId(ws.images().server())).as("server image id after two ups").isEqualTo(serverImage);
        assertThat(Tp0Images.imageId(ws.images().client())).as("client image id after two ups").isEqualTo(clientImage);
    }

    /** Waits for the start-up {@code config} line, then compares its fields with what the files say. */
    private static void expectConfigLine(LogStream log, Map<String, String> expected) {
        LogLine line = log.await(LogConditions.action("config").result("success"), Duration.ofSeconds(30)).get(0);
        Map<String, String> logged = new java.util.TreeMap<>();
        expected.keySet().forEach(k -> logged.put(k, line.field(k).orElse("(missing)")));
        assertThat(logged).as("%s config line vs the config file written before up: %s", log.service(), line.raw())
                .isEqualTo(new java.util.TreeMap<>(expected));
    }

    private static void expect(LogStream log, LogCondition condition) {
        log.await(condition, Duration.ofSeconds(30));
    }
}
