package dev.tpharness.tp0;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.tpharness.internal.Poll;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Smoke test of the reference images with plain Docker commands (independent of the harness):
 * server + 2 clients with 3 messages each, then a graceful stop of the server. Everything it
 * creates carries a unique project name, unique image tags and the {@code dev.tpharness} label.
 */
class Tp0SmokeIT {

    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String PROJECT = "tph-smoke-" + RUN;
    private static final String SERVER_IMAGE = "tph-smoke-server:" + RUN;
    private static final String CLIENT_IMAGE = "tph-smoke-client:" + RUN;
    private static final Path ROOT = Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath();

    @TempDir
    static Path dir;
    private static Path composeFile;

    record Result(int exitCode, String output) {
    }

    /** Runs a command with a timeout; on failure the error names the command, exit code and output tail. */
    static Result run(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Path out = Files.createTempFile(dir, "cmd", ".log");
        Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            throw new AssertionError(String.join(" ", cmd) + ": timed out after " + timeout + "; output:\n" + tail(Files.readString(out)));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    static String ok(Duration timeout, String... cmd) throws IOException, InterruptedException {
        Result r = run(timeout, cmd);
        if (r.exitCode() != 0) {
            throw new AssertionError(String.join(" ", cmd) + ": exit code " + r.exitCode() + "; output:\n" + tail(r.output()));
        }
        return r.output();
    }

    private static String tail(String s) {
        List<String> lines = s.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @BeforeAll
    static void buildImagesAndWriteStack() throws Exception {
        assertThat(ROOT.resolve("target/tp0/tp0-app.jar")).as("run through Maven: the jar is built in the package phase").exists();
        ok(Duration.ofMinutes(3), "docker", "build", "-q", "--label", "dev.tpharness=true", "-f", "server/Dockerfile", "-t", SERVER_IMAGE, ".");
        ok(Duration.ofMinutes(3), "docker", "build", "-q", "--label", "dev.tpharness=true", "-f", "client/Dockerfile", "-t", CLIENT_IMAGE, ".");
        Files.writeString(dir.resolve("config.ini"), "[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO\n");
        Files.writeString(dir.resolve("config.yaml"), "server:\n  address: \"server:12345\"\nloop:\n  amount: 3\n  period: \"100ms\"\nlog:\n  level: \"INFO\"\n");
        StringBuilder yaml = new StringBuilder("services:\n  server:\n    image: " + SERVER_IMAGE + "\n    labels: [dev.tpharness=true]\n"
                + "    volumes: [\"./config.ini:/app/config.ini:ro\"]\n    networks: [testing_net]\n");
        for (int i = 1; i <= 2; i++) {
            yaml.append("  client").append(i).append(":\n    image: ").append(CLIENT_IMAGE).append("\n    labels: [dev.tpharness=true]\n")
                    .append("    environment: [CLI_ID=").append(i).append("]\n")
                    .append("    volumes: [\"./config.yaml:/app/config.yaml:ro\"]\n    networks: [testing_net]\n    depends_on: [server]\n");
        }
        yaml.append("networks:\n  testing_net:\n    labels: [dev.tpharness=true]\n");
        composeFile = Files.writeString(dir.resolve("compose.yaml"), yaml.toString());
    }

    @AfterAll
    static void removeEverything() throws Exception {
        try {
            if (composeFile != null) {
                run(Duration.ofMinutes(1), "docker", "compose", "-p", PROJECT, "-f", composeFile.toString(), "down", "-v", "-t", "1");
            }
        } finally {
            run(Duration.ofMinutes(1), "docker", "rmi", SERVER_IMAGE, CLIENT_IMAGE);
        }
        assertThat(ok(Duration.ofSeconds(30), "docker", "ps", "-aq", "--filter", "label=com.docker.compose.project=" + PROJECT)).isBlank();
        assertThat(ok(Duration.ofSeconds(30), "docker", "network", "ls", "-q", "--filter", "label=com.docker.compose.project=" + PROJECT)).isBlank();
    }

    private static String compose(Duration timeout, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("docker", "compose", "-p", PROJECT, "-f", composeFile.toString()));
        cmd.addAll(List.of(args));
        return ok(timeout, cmd.toArray(String[]::new));
    }

    private static String inspect(String service, String format) throws Exception {
        String id = compose(Duration.ofSeconds(30), "ps", "-aq", service).strip();
        return ok(Duration.ofSeconds(30), "docker", "inspect", "-f", format, id).strip();
    }

    private static String status(String service) {
        try {
            return inspect(service, "{{.State.Status}}");
        } catch (Exception e) {
            throw new AssertionError("cannot inspect " + service + ": " + e.getMessage(), e);
        }
    }

    @Test
    void clientsFinishTheirLoopAndTheServerStopsGracefully() throws Exception {
        compose(Duration.ofMinutes(2), "up", "-d");
        for (String client : List.of("client1", "client2")) {
            Poll.until(client + " to exit", Duration.ofSeconds(60), Duration.ofMillis(200), () -> status(client),
                    "exited"::equals, status -> new AssertionError(client + " still " + status + " after 60 s"));
            String log = compose(Duration.ofSeconds(30), "logs", "--no-color", "--no-log-prefix", client);
            assertThat(inspect(client, "{{.State.ExitCode}}")).as("%s exit code; log:\n%s", client, log).isEqualTo("0");
            String id = client.substring("client".length());
            for (int k = 1; k <= 3; k++) {
                assertThat(log).contains("action: receive_message | result: success | client_id: " + id + " | msg: [CLIENT " + id + "] Message N\u00b0" + k + "\n");
            }
            assertThat(log).contains("action: loop_finished | result: success | client_id: " + id);
        }
        assertThat(inspect("server", "{{.State.Status}}")).isEqualTo("running");

        long t0 = System.nanoTime();
        compose(Duration.ofSeconds(30), "stop", "-t", "10", "server");
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        String serverLog = compose(Duration.ofSeconds(30), "logs", "--no-color", "--no-log-prefix", "server");
        assertThat(inspect("server", "{{.State.ExitCode}}")).as("server exit code; log:\n%s", serverLog).isEqualTo("0");
        // its own handling of SIGTERM, not the SIGKILL at 10 s; room for the round trip on a loaded machine
        assertThat(took).as("time to stop (grace period 10 s)").isLessThan(Duration.ofSeconds(8));
        assertThat(serverLog).contains("action: shutdown | result: in_progress | signal: SIGTERM",
                "action: close_server_socket | result: success | port: 12345", "action: shutdown | result: success");
        compose(Duration.ofMinutes(1), "down", "-v", "-t", "10");
    }
}
