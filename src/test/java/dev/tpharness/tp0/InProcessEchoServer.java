package dev.tpharness.tp0;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import dev.tpharness.tp0.common.Tp0Logging;
import dev.tpharness.tp0.server.EchoServer;
import dev.tpharness.tp0.server.ServerConfig;

/**
 * The reference echo server on a free local port, serving on a thread of its own, with the
 * TP0 log (of everything in this JVM) captured in memory.
 */
public final class InProcessEchoServer implements AutoCloseable {

    private final ByteArrayOutputStream log = new ByteArrayOutputStream();
    private final EchoServer server;
    private final Thread serving;

    public InProcessEchoServer() throws IOException {
        Tp0Logging.configure(Level.INFO, log);
        server = new EchoServer(new ServerConfig(0, "localhost", 5, "INFO"), Duration.ofSeconds(5));
        serving = new Thread(server::serve, "echo-server");
        serving.start();
    }

    public EchoServer server() {
        return server;
    }

    public int port() {
        return server.port();
    }

    /** Whether {@link EchoServer#serve()} is still running. */
    public boolean isServing() {
        return serving.isAlive();
    }

    /** Waits (bounded) for {@code serve()} to return. */
    public void awaitServeReturned() throws InterruptedException {
        serving.join(5_000);
    }

    public String logText() {
        return log.toString(StandardCharsets.UTF_8);
    }

    /** Waits up to 5 s for the captured log to contain {@code fragment}. */
    public void awaitLog(String fragment) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!logText().contains(fragment)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("log never contained <" + fragment + ">; log was:\n" + logText());
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public void close() throws InterruptedException {
        server.shutdown("test");
        awaitServeReturned();
    }
}
