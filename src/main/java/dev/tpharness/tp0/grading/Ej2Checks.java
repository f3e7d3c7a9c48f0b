package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.logs.LogLine;
import dev.tpharness.logs.LogStream;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.tp0.common.GoDuration;
import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.Required;
import dev.tpharness.tp0.grading.support.Tp0ComposeChecks;
import dev.tpharness.tp0.grading.support.Tp0Grading;
import dev.tpharness.tp0.grading.support.Tp0Workspace;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Exercise 2: the configuration lives outside the images; changing the files takes effect on the
 * next {@code up} without rebuilding, seen in what the applications DO (port, amount, period), and
 * in their config lines where they log one.
 */
@Tag("ej2")
@ExtendWith(Tp0Grading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("ej2")
public class Ej2Checks {

    static final String SOURCE = "statement ex. 2; course test_ej2";

    /** One configuration of both applications, as graders write it into the config files. */
    record Config(int port, int backlog, int amount, String period, String clientLevel) {
        Duration periodDuration() {
            return GoDuration.parse(period);
        }
    }

    // The server logs its config line at DEBUG in the course's base, so graders set DEBUG to read it.
    private static final Config FIRST = new Config(12345, 7, 2, "100ms", "INFO");
    private static final Config SECOND = new Config(12399, 3, 3, "1500ms", "DEBUG");

    @Test
    @DisplayName("both config files are bind-mounted from the repository (server/config.ini, client/config.yaml)")
    @Required(SOURCE + ": the configuration files are mounted as volumes, so a change needs no new image")
    void configFilesAreMounted(Tp0Workspace ws) {
        ComposeFile file = ws.generate(1);
        assertThat(Tp0ComposeChecks.mounts(file, "server", "server/config.ini", ws.dir()))
                .as("server bind-mounts the repository's server/config.ini (volumes: %s)", file.service("server").get("volumes")).isTrue();
        assertThat(Tp0ComposeChecks.mounts(file, "client1", "client/config.yaml", ws.dir()))
                .as("client1 bind-mounts the repository's client/config.yaml (volumes: %s)",
                        file.serviceNames().contains("client1") ? file.service("client1").get("volumes") : "no client1").isTrue();
    }

    @Test
    @DisplayName("changed config files take effect on the next up with the same images: port, amount, period, config lines")
    @Required(SOURCE + ": changing the mounted files and running up again takes effect without rebuilding the images")
    void changedFilesTakeEffectWithoutRebuilding(Tp0Workspace ws) {
        // the same images by construction: built once from the files as extracted, and `runnable` drops any build: entry
        ComposeFile file = ws.runnable(ws.generate(1), Map.of());
        for (Config config : List.of(FIRST, SECOND)) {
            ws.editServerConfig(Map.of("SERVER_PORT", Integer.toString(config.port()),
                    "SERVER_LISTEN_BACKLOG", Integer.toString(config.backlog()), "LOGGING_LEVEL", "DEBUG"));
            ws.editClientConfig(Map.of("server.address", "server:" + config.port(), "loop.amount", config.amount(),
                    "loop.period", config.period(), "log.level", config.clientLevel()));
            ComposeStack stack = ws.isolatedStack(file).up();
            String when = "after writing port " + config.port() + ", amount " + config.amount() + ", period " + config.period()
                    + " to the config files and running up";
            awaitClientEnd(stack, config);
            LogStream client = LogStream.of("client1", stack.logs("client1"));
            List<Instant> received = receiveTimes(stack);
            assertThat(received).as("%s: messages client1 exchanged with the server (receive_message success lines); its log:\n%s",
                    when, String.join("\n", client.rawTail())).hasSize(config.amount());
            Duration expected = config.periodDuration().multipliedBy(config.amount() - 1L);
            Duration span = Duration.between(received.get(0), received.get(received.size() - 1));
            // A client sleeps at least its period, whatever the load; above it, each later message may
            // cost what the first one cost on this machine now (start, connect, exchange), and 2.5 s.
            Duration firstExchange = firstExchange(stack, received.get(0));
            assertThat(span).as("%s: time from the first to the last message (%d periods of %s; the first message took %s from the"
                    + " client's start)", when, config.amount() - 1, config.period(), String.format(Locale.ROOT, "%.2f s", firstExchange.toMillis() / 1000.0))
                    .isBetween(expected.multipliedBy(8).dividedBy(10).minusMillis(300),
                            expected.plusMillis(2500).plus(firstExchange.multipliedBy(config.amount() - 1L)));
            List<String> differences = new ArrayList<>();
            LogStream server = LogStream.of("server", stack.logs("server"));
            compare(differences, server, "port", Integer.toString(config.port()));
            compare(differences, server, "listen_backlog", Integer.toString(config.backlog()));
            compare(differences, server, "logging_level", "DEBUG");
            compare(differences, client, "server_address", "server:" + config.port());
            compare(differences, client, "loop_amount", Integer.toString(config.amount()));
            compare(differences, client, "loop_period", config.period());
            compare(differences, client, "log_level", config.clientLevel());
            assertThat(differences).as("%s: config line fields that differ from the files", when).isEmpty();
            stack.close();
        }
    }

    @Test
    @DisplayName("no environment entry overrides a key of the config files")
    @Advisory("an environment entry silently wins over the file for that key, even where no grader varies it, so a later change to the file has no effect")
    void noEnvironmentOverridesTheFiles(Tp0Workspace ws) {
        assertThat(Tp0ComposeChecks.configOverrides(ws.generate(1))).as("entries of docker-compose-dev.yaml that override the config files")
                .isEmpty();
    }

    /** The client's loop ends by itself (exit); a client that never exits is judged on what it sent in the meantime. */
    private static void awaitClientEnd(ComposeStack stack, Config config) {
        Duration bound = config.periodDuration().multipliedBy(config.amount()).plusSeconds(45);
        try {
            stack.awaitExit("client1", bound);
        } catch (AssertionError stillRunning) {
            // counted below as it is
        }
    }

    /**
     * The time from client1's start (the engine's own {@code StartedAt}) to its first received
     * message: what starting, connecting and one exchange cost on this machine at this moment.
     */
    private static Duration firstExchange(ComposeStack stack, Instant firstReceived) {
        Instant started = null;
        for (String id : stack.containerIds("client1")) {
            CommandResult r = Command.of("docker", "inspect", "-f", "{{.State.StartedAt}}", id).withTimeout(Duration.ofSeconds(60)).run();
            if (r.exitCode() == 0) {
                try {
                    Instant at = Instant.parse(r.stdout().strip());
                    started = started == null || at.isBefore(started) ? at : started;
                } catch (java.time.format.DateTimeParseException unreadable) {
                    // no allowance from this container
                }
            }
        }
        if (started == null || started.isAfter(firstReceived)) {
            return Duration.ZERO;
        }
        return Duration.between(started, firstReceived);
    }

    /** When client1 logged each receive_message success, by Docker's own timestamps (the lines' own have whole seconds). */
    private static List<Instant> receiveTimes(ComposeStack stack) {
        List<Instant> times = new ArrayList<>();
        for (String id : stack.containerIds("client1")) {
            CommandResult r = Command.of("docker", "logs", "-t", id).withTimeout(Duration.ofSeconds(60)).run();
            for (String line : (r.stdout() + "\n" + r.stderr()).split("\n")) {
                int space = line.indexOf(' ');
                if (space < 0) {
                    continue;
                }
                Optional<LogLine> parsed = LogLine.parse(line.substring(space + 1));
                if (parsed.isPresent() && parsed.get().action().equals("receive_message") && parsed.get().result().equals("success")) {
                    times.add(Instant.parse(line.substring(0, space)));
                }
            }
        }
        times.sort(null);
        return times;
    }

    /** A field of the config line, where the application logs one with that field: it must say what the file says. */
    private static void compare(List<String> differences, LogStream log, String field, String expected) {
        for (LogLine line : log.matching(LogConditions.action("config").result("success"))) {
            Optional<String> logged = line.field(field);
            if (logged.isPresent() && !same(field, logged.get(), expected)) {
                differences.add(log.service() + " logged " + field + ": " + logged.get() + ", the file says " + expected + " (" + line.raw().strip() + ")");
            }
        }
    }

    private static boolean same(String field, String logged, String expected) {
        if (field.endsWith("period")) {
            try {
                return GoDuration.parse(logged).equals(GoDuration.parse(expected));
            } catch (RuntimeException notADuration) {
                return logged.equals(expected);
            }
        }
        return logged.toUpperCase(Locale.ROOT).equals(expected.toUpperCase(Locale.ROOT));
    }
}
