package dev.tpharness.tp0.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real entry points in a child JVM, stopped with a real SIGTERM ({@link Process#destroy()}
 * sends SIGTERM on Unix): exit code 0 and the shutdown lines. The control case shows that a JVM
 * without our handler exits 143 under the same test, so the check can fail.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SigtermProcessTest {

    @TempDir
    Path dir;

    /** A JVM that does nothing about SIGTERM. */
    public static final class Unhandled {
        public static void main(String[] args) throws InterruptedException {
            System.out.println("ready");
            System.out.flush();
            new java.util.concurrent.CountDownLatch(1).await(60, TimeUnit.SECONDS);
        }
    }

    private Process start(Class<?> main, Map<String, String> env, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), main.getName()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("out.log").toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("CLI_") || k.startsWith("SERVER_") || k.equals("LOGGING_LEVEL"));
        pb.environment().putAll(env);
        return pb.start();
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("out.log"), StandardCharsets.UTF_8);
    }

    private void awaitOutput(String fragment, Process p) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!output().contains(fragment)) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError("never printed <" + fragment + ">; output:\n" + output());
            }
            Thread.onSpinWait();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Test
    void serverExitsZeroOnSigtermAndLogsItsShutdown() throws Exception {
        Path ini = Files.writeString(dir.resolve("config.ini"),
                "[DEFAULT]\nSERVER_PORT = " + freePort() + "\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO");
        Process p = start(dev.tpharness.tp0.server.ServerMain.class, Map.of(), ini.toString());
        awaitOutput("action: accept_connections | result: in_progress", p);
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("exit code; output:\n%s", output()).isZero();
        assertThat(output()).contains("action: shutdown | result: in_progress | signal: SIGTERM",
                "action: close_server_socket | result: success", "action: shutdown | result: success");
    }

    @Test
    void clientExitsZeroOnSigtermDuringItsSleep() throws Exception {
        Path ini = Files.writeString(dir.resolve("config.ini"),
                "[DEFAULT]\nSERVER_PORT = " + freePort() + "\nSERVER_IP = s\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO\n");
        int port = Integer.parseInt(Files.readAllLines(ini).get(1).replaceAll("\\D", ""));
        Process server = start(dev.tpharness.tp0.server.ServerMain.class, Map.of(), ini.toString());
        try {
            Path yaml = Files.writeString(dir.resolve("config.yaml"),
                    "server:\n  address: localhost:" + port + "\nloop:\n  amount: 3\n  period: 1m\nlog:\n  level: INFO\n");
            Files.delete(dir.resolve("out.log")); // the client writes its own output file
            Process client = start(dev.tpharness.tp0.client.ClientMain.class, Map.of("CLI_ID", "4"), yaml.toString());
            awaitOutput("msg: [CLIENT 4] Message N\u00b01", client);
            client.destroy();
            assertThat(client.waitFor(10, TimeUnit.SECONDS)).isTrue();
            assertThat(client.exitValue()).as("exit code; output:\n%s", output()).isZero();
            assertThat(output()).contains("action: shutdown | result: in_progress | client_id: 4 | signal: SIGTERM",
                    "action: shutdown | result: success | client_id: 4");
        } finally {
            server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void badConfigurationIsOneClearLineAndExitOne() throws Exception {
        Process p = start(dev.tpharness.tp0.client.ClientMain.class, Map.of("CLI_ID", "1", "CLI_LOOP_PERIOD", "soon"),
                dir.resolve("absent.yaml").toString());
        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(1);
        assertThat(output().strip().lines()).hasSize(1).first().asString().startsWith("client: configuration error: ");
    }

    @Test
    void control_aJvmWithoutAHandlerExits143() throws Exception {
        Process p = start(Unhandled.class, Map.of());
        awaitOutput("ready", p);
        p.destroy();
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(143);
    }
}
