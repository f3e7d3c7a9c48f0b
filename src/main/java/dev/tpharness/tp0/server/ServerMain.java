package dev.tpharness.tp0.server;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.tp0.common.ConfigException;
import dev.tpharness.tp0.common.ProtocolLine;
import dev.tpharness.tp0.common.ProtocolLine.Result;
import dev.tpharness.tp0.common.Signals;
import dev.tpharness.tp0.common.Tp0Logging;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Entry point of the echo server: {@code java ... ServerMain [config.ini]} (default
 * {@code config.ini} in the working directory). Exit codes: 0 after a clean shutdown, 1 on bad
 * configuration, 2 when the port cannot be bound.
 */
public final class ServerMain {

    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path file = Path.of(args.length > 0 ? args[0] : "config.ini");
        ServerConfig config;
        try {
            config = ServerConfig.load(file, System.getenv());
        } catch (ConfigException e) {
            System.err.println("server: configuration error: " + e.getMessage());
            System.exit(1);
            return;
        }
        Tp0Logging.configure(config.level(), System.out);
        Logger log = LoggerFactory.getLogger(ServerMain.class);
        LoggerFactory.getLogger(Tp0Logging.CONFIG_LOGGER).info("{}", ProtocolLine.of("config", Result.SUCCESS)
                .with("port", config.port())
                .with("listen_backlog", config.listenBacklog())
                .with("logging_level", config.loggingLevel()));
        EchoServer server;
        try {
            server = new EchoServer(config, Duration.ofSeconds(30));
        } catch (IOException e) {
            log.error("{}", ProtocolLine.of("bind", Result.FAIL).with("port", config.port()).with("error", e.getMessage()));
            System.exit(2);
            return;
        }
        Signals.onTermination(server::shutdown);
        server.serve();
        boolean clean = server.awaitStopped(Duration.ofSeconds(5));
        System.out.flush();
        System.exit(clean ? 0 : 1);
    }
}
