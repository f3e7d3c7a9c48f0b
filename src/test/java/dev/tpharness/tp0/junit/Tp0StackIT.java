package dev.tpharness.tp0.junit;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import dev.tpharness.internal.Command;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code @Tp0Stack} on the reference images: server + 2 generated clients, injected, then taken down gracefully. */
class Tp0StackIT {

    static final String SERVER = "tph-tp0stack-server:it";
    static final String CLIENT = "tph-tp0stack-client:it";
    static final String DIR = "target/tp0stack-it";
    private static final Path ROOT = Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath();

    @BeforeAll
    static void buildImagesAndConfig() throws Exception {
        for (String app : List.of("server", "client")) {
            List<String> argv = new ArrayList<>(List.of("docker", "build", "-q", "-f", app + "/Dockerfile", "-t",
                    app.equals("server") ? SERVER : CLIENT));
            argv.addAll(HarnessLabels.dockerArgs("tp0stack-it"));
            argv.add(".");
            Command.of(argv.toArray(String[]::new)).in(ROOT).withTimeout(Duration.ofMinutes(5)).run().requireSuccess();
        }
        Path dir = ROOT.resolve(DIR);
        Files.createDirectories(dir.resolve("server"));
        Files.createDirectories(dir.resolve("client"));
        Files.writeString(dir.resolve("server/config.ini"), "[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO");
        Files.writeString(dir.resolve("client/config.yaml"), "server:\n  address: server:12345\nloop:\n  amount: 2\n  period: 50ms\nlog:\n  level: INFO\n");
    }

    @AfterAll
    static void removeImages() {
        Command.of("docker", "rmi", SERVER, CLIENT).withTimeout(Duration.ofMinutes(1)).run();
    }

    @Nested
    @Tp0Stack(clients = 2, directory = DIR, serverImage = SERVER, clientImage = CLIENT)
    class ServerAndTwoClients {

        @Test
        void everyClientFinishesItsLoopAndTheServerStopsGracefully(ComposeStack stack) {
            assertThat(stack.services()).containsExactly("server", "client1", "client2");
            for (String client : List.of("client1", "client2")) {
                stack.awaitExit(client, Duration.ofSeconds(60));
                assertThat(stack).hasServiceExitedWith(client, 0);
                assertThat(stack.logs(client)).contains("action: loop_finished | result: success");
            }
            assertThat(stack).hasServiceRunning("server");
            List<StopObservation> stops = stack.stop("server", Duration.ofSeconds(10));
            assertThat(StopReport.of(stops.get(0))).isGraceful().loggedAfterSignal(LogConditions.action("shutdown").result("success"));
        }
    }
}
