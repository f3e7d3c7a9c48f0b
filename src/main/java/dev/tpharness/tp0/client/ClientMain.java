package dev.tpharness.tp0.client;

import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.tp0.common.ConfigException;
import dev.tpharness.tp0.common.GoDuration;
import dev.tpharness.tp0.common.ProtocolLine;
import dev.tpharness.tp0.common.ProtocolLine.Result;
import dev.tpharness.tp0.common.Signals;
import dev.tpharness.tp0.common.Tp0Logging;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the client: {@code java ... ClientMain [config.yaml]} (default {@code config.yaml}
 * in the working directory). Exit codes: 0 when the loop finished or was stopped by SIGTERM, 1 on
 * bad configuration or when the server could not be reached or answered wrongly.
 */
public final class ClientMain {

    private ClientMain() {
    }

    public static void main(String[] args) {
        Path file = Path.of(args.length > 0 ? args[0] : "config.yaml");
        ClientConfig config;
        try {
            config = ClientConfig.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("client: configuration error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Tp0Logging.configure(config.level(), System.out);
        LoggerFactory.getLogger(Tp0Logging.CONFIG_LOGGER).info("{}", ProtocolLine.of("config", Result.SUCCESS)
                .with("client_id", config.id())
                .with("server_address", config.serverAddress())
                .with("loop_amount", config.loopAmount())
                .with("loop_period", GoDuration.format(config.loopPeriod()))
                .with("log_level", config.logLevel()));
        EchoClient client = new EchoClient(config, Duration.ofSeconds(10));
        Signals.onTermination(client::shutdown);
        EchoClient.Outcome outcome = client.run();
        System.out.flush();
        System.exit(outcome == EchoClient.Outcome.FAILED ? 1 : 0);
    }
}
