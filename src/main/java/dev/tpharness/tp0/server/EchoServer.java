package dev.tpharness.tp0.server;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

import dev.tpharness.tp0.common.ProtocolLine;
import dev.tpharness.tp0.common.ProtocolLine.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TP0 echo server: accepts one connection at a time, echoes one message byte for byte and
 * closes the connection. {@link #shutdown(String)} (from a signal handler) closes the listening
 * socket and the open connection, logging one line per closed resource, and makes {@link #serve()}
 * return.
 */
public final class EchoServer {

    private static final Logger LOG = LoggerFactory.getLogger(EchoServer.class);

    private final ServerConfig config;
    private final Duration readTimeout;
    private final ServerSocket listener;
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;

    /** Binds the listening socket (all interfaces, {@code config.port()}; port 0 picks a free one). */
    public EchoServer(ServerConfig config, Duration readTimeout) throws IOException {
        this.config = config;
        this.readTimeout = readTimeout;
        this.listener = new ServerSocket();
        listener.setReuseAddress(true);
        listener.bind(new InetSocketAddress(config.port()), config.listenBacklog());
    }

    /** The port actually bound. */
    public int port() {
        return listener.getLocalPort();
    }

    /** Accepts and echoes until {@link #shutdown(String)}; returns once every socket is closed. */
    public void serve() {
        try {
            while (!stopping) {
                LOG.info("{}", ProtocolLine.of("accept_connections", Result.IN_PROGRESS));
                Socket client;
                try {
                    client = listener.accept();
                } catch (IOException e) {
                    if (stopping) {
                        break;
                    }
                    LOG.error("{}", ProtocolLine.of("accept_connections", Result.FAIL).with("error", describe(e)));
                    continue;
                }
                current.set(client);
                if (stopping) {
                    // shutdown ran between accept and set: it could not see this socket, so close it here
                    closeClient(client);
                    break;
                }
                handle(client);
                current.compareAndSet(client, null);
            }
        } finally {
            stopped.countDown();
        }
    }

    private void handle(Socket client) {
        String ip = client.getInetAddress().getHostAddress();
        LOG.info("{}", ProtocolLine.of("accept_connections", Result.SUCCESS).with("ip", ip));
        try (client) {
            client.setSoTimeout((int) readTimeout.toMillis());
            byte[] message = MessageReader.readMessage(client.getInputStream());
            OutputStream out = client.getOutputStream();
            out.write(message);
            out.flush();
            client.shutdownOutput();
            LOG.info("{}", ProtocolLine.of("receive_message", Result.SUCCESS).with("ip", ip).with("msg", withoutNewline(message)));
        } catch (IOException e) {
            if (!stopping) {
                LOG.error("{}", ProtocolLine.of("receive_message", Result.FAIL).with("ip", ip).with("error", describe(e)));
            }
        }
    }

    /**
     * Stops the server: closes the listening socket, then the connection in progress, logging each.
     * Safe to call from any thread, more than once.
     */
    public synchronized void shutdown(String reason) {
        if (stopping) {
            return;
        }
        stopping = true;
        LOG.info("{}", ProtocolLine.of("shutdown", Result.IN_PROGRESS).with("signal", reason));
        try {
            listener.close();
            LOG.info("{}", ProtocolLine.of("close_server_socket", Result.SUCCESS).with("port", port()));
        } catch (IOException e) {
            LOG.error("{}", ProtocolLine.of("close_server_socket", Result.FAIL).with("error", describe(e)));
        }
        Socket client = current.getAndSet(null);
        if (client != null) {
            closeClient(client);
        }
    }

    /** Waits until {@link #serve()} has returned (bounded), then logs the end of the shutdown. */
    public boolean awaitStopped(Duration timeout) throws InterruptedException {
        boolean done = stopped.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        synchronized (this) {
            // shutdown() holds this monitor while it closes and logs: its lines come before ours
        }
        LOG.info("{}", ProtocolLine.of("shutdown", done ? Result.SUCCESS : Result.FAIL));
        return done;
    }

    private static void closeClient(Socket client) {
        String ip = client.getInetAddress().getHostAddress();
        try {
            client.close();
            LOG.info("{}", ProtocolLine.of("close_client_connection", Result.SUCCESS).with("ip", ip));
        } catch (IOException e) {
            LOG.error("{}", ProtocolLine.of("close_client_connection", Result.FAIL).with("ip", ip).with("error", describe(e)));
        }
    }

    static String withoutNewline(byte[] message) {
        int len = message.length;
        if (len > 0 && message[len - 1] == '\n') {
            len--;
        }
        return new String(message, 0, len, StandardCharsets.UTF_8);
    }

    private static String describe(IOException e) {
        if (e instanceof SocketTimeoutException) {
            return "no complete message within the read timeout";
        }
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : m).replace('|', '/').replace('\n', ' ');
    }

    ServerConfig config() {
        return config;
    }
}
