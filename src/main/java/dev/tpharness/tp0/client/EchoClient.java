package dev.tpharness.tp0.client;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.tpharness.tp0.common.ProtocolLine;
import dev.tpharness.tp0.common.ProtocolLine.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TP0 client loop: for k = 1..amount, connect, send {@code [CLIENT <id>] Message N°<k>\n},
 * read the reply line, close, log it, sleep the period. {@link #shutdown(String)} interrupts the
 * sleep or the exchange at once.
 */
public final class EchoClient {

    /** How the loop ended. */
    public enum Outcome {
        /** Every message was sent and answered. */
        FINISHED,
        /** SIGTERM (or SIGINT) arrived first. */
        STOPPED,
        /** The server could not be reached or answered wrongly. */
        FAILED
    }

    private static final Logger LOG = LoggerFactory.getLogger(EchoClient.class);

    private final ClientConfig config;
    private final Duration connectRetryWindow;
    private final AtomicReference<Socket> current = new AtomicReference<>();
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile String stopReason;

    /**
     * @param connectRetryWindow how long to keep retrying a refused connection (the server may
     *     still be starting when {@code depends_on} lets the client start)
     */
    public EchoClient(ClientConfig config, Duration connectRetryWindow) {
        this.config = config;
        this.connectRetryWindow = connectRetryWindow;
    }

    public Outcome run() {
        for (int k = 1; k <= config.loopAmount(); k++) {
            if (stopping()) {
                return stopped();
            }
            String message = "[CLIENT " + config.id() + "] Message N\u00b0" + k + "\n";
            Outcome step = exchange(message);
            if (step != null) {
                return step;
            }
            try {
                if (stop.await(config.loopPeriod().toNanos(), TimeUnit.NANOSECONDS)) {
                    return stopped();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return stopped();
            }
        }
        LOG.info("{}", ProtocolLine.of("loop_finished", Result.SUCCESS).with("client_id", config.id()));
        return Outcome.FINISHED;
    }

    /** Returns null when the loop goes on. */
    private Outcome exchange(String message) {
        Socket socket;
        try {
            socket = connect();
        } catch (IOException e) {
            if (stopping()) {
                return stopped();
            }
            LOG.error("{}", ProtocolLine.of("connect", Result.FAIL).with("client_id", config.id()).with("error", describe(e)));
            return Outcome.FAILED;
        }
        if (socket == null) {
            return stopped();
        }
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(message.getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = readLine(socket.getInputStream());
            current.compareAndSet(socket, null);
            if (!reply.equals(message.substring(0, message.length() - 1))) {
                LOG.error("{}", ProtocolLine.of("receive_message", Result.FAIL).with("client_id", config.id())
                        .with("error", "reply differs from the message sent").with("msg", reply));
                return Outcome.FAILED;
            }
            LOG.info("{}", ProtocolLine.of("receive_message", Result.SUCCESS).with("client_id", config.id()).with("msg", reply));
            return null;
        } catch (IOException e) {
            if (stopping()) {
                return stopped();
            }
            LOG.error("{}", ProtocolLine.of("receive_message", Result.FAIL).with("client_id", config.id()).with("error", describe(e)));
            return Outcome.FAILED;
        }
    }

    private Socket connect() throws IOException {
        long deadline = System.nanoTime() + connectRetryWindow.toNanos();
        while (true) {
            Socket socket = new Socket();
            current.set(socket);
            if (stopping()) {
                socket.close();
                return null;
            }
            try {
                socket.connect(new InetSocketAddress(config.host(), config.port()), 5_000);
                socket.setSoTimeout(30_000);
                return socket;
            } catch (ConnectException | UnknownHostException e) {
                socket.close();
                if (System.nanoTime() > deadline || stopping()) {
                    throw e;
                }
                try {
                    if (stop.await(100, TimeUnit.MILLISECONDS)) {
                        return null;
                    }
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return null;
                }
            } catch (IOException e) {
                socket.close();
                throw e;
            }
        }
    }

    /** Reads the reply up to (not including) the first newline, or to end of stream. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(64);
        byte[] buf = new byte[4096];
        int n;
        while ((n = in.read(buf)) >= 0) {
            for (int k = 0; k < n; k++) {
                if (buf[k] == '\n') {
                    return line.toString(StandardCharsets.UTF_8);
                }
                line.write(buf[k]);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    /** Interrupts the loop: closes the socket in use at once and wakes the sleep. Any thread, idempotent. */
    public synchronized void shutdown(String reason) {
        if (stopReason != null) {
            return;
        }
        stopReason = reason;
        LOG.info("{}", ProtocolLine.of("shutdown", Result.IN_PROGRESS).with("client_id", config.id()).with("signal", reason));
        stop.countDown();
        Socket socket = current.getAndSet(null);
        if (socket != null && !socket.isClosed()) {
            try {
                socket.close();
                LOG.info("{}", ProtocolLine.of("close_connection", Result.SUCCESS).with("client_id", config.id()));
            } catch (IOException e) {
                LOG.error("{}", ProtocolLine.of("close_connection", Result.FAIL).with("client_id", config.id()).with("error", describe(e)));
            }
        }
    }

    private boolean stopping() {
        return stopReason != null;
    }

    private Outcome stopped() {
        synchronized (this) {
            // shutdown() holds this monitor while it closes and logs: its lines come before ours
        }
        LOG.info("{}", ProtocolLine.of("shutdown", Result.SUCCESS).with("client_id", config.id()));
        return Outcome.STOPPED;
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return (m == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + m).replace('|', '/').replace('\n', ' ');
    }
}
