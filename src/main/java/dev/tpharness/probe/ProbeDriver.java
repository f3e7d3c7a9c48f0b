package dev.tpharness.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

import dev.tpharness.internal.DockerEngine;

/**
 * One long-lived shell in the probe container, started once through the Docker API with its
 * stdin attached, that runs nc for every message it is sent: no docker CLI process and no
 * {@code docker exec} per message (each costs tens of milliseconds), only a few bytes over an open
 * connection and BusyBox forking nc.
 *
 * <p>Protocol, binary-safe: a request is a line {@code <length> <host> <port> <connect s> <exchange s>}
 * followed by exactly {@code length} payload bytes (read by {@code head -c}, written to a file and
 * redirected into nc, so nc sees those bytes and then end-of-file); the reply is a line
 * {@code <exit status> <stdout length> <stderr length>} followed by nc's stdout and stderr bytes.
 * One exchange at a time: a caller that finds the driver busy gets {@link Optional#empty()} and
 * uses another way.
 */
final class ProbeDriver implements AutoCloseable {

    private static final String SCRIPT = String.join("\n",
            "d=/.tph-probe-$$; mkdir -p \"$d\" || exit 1; trap 'rm -rf \"$d\"' EXIT",
            "while read -r len host port cto eto; do",
            "  head -c \"$len\" > \"$d/p\"",
            "  timeout -s KILL \"$eto\" nc -w \"$cto\" \"$host\" \"$port\" < \"$d/p\" > \"$d/o\" 2> \"$d/e\"",
            "  rc=$?",
            "  printf '%s %s %s\\n' \"$rc\" $(wc -c < \"$d/o\") $(wc -c < \"$d/e\")",
            "  cat \"$d/o\" \"$d/e\"",
            "done");

    private final String container;
    private final Stdin stdin = new Stdin();
    private final ReentrantLock busy = new ReentrantLock();
    /** Bytes of stdout not yet consumed by a reply; guarded by itself. */
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final StringBuilder diagnostics = new StringBuilder();
    private final ResultCallback.Adapter<Frame> frames;
    private volatile boolean ended;

    private ProbeDriver(String container) {
        this.container = container;
        this.frames = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                synchronized (out) {
                    if (frame.getStreamType() == StreamType.STDERR) {
                        diagnostics.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                    } else {
                        out.writeBytes(frame.getPayload());
                    }
                    out.notifyAll();
                }
            }

            @Override
            public void onError(Throwable throwable) {
                end("stream error: " + throwable);
            }

            @Override
            public void onComplete() {
                end("the driver shell exited");
            }
        };
    }

    /** Starts the driver shell in the (running) container. */
    static ProbeDriver start(String container) {
        ProbeDriver driver = new ProbeDriver(container);
        DockerClient client = DockerEngine.client();
        String exec = DockerEngine.bounded("create the probe driver in " + container, () -> client.execCreateCmd(container)
                .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).withCmd("sh", "-c", SCRIPT).exec().getId());
        // starting returns at once: the attached stream is then read by the client's own thread
        DockerEngine.bounded("start the probe driver in " + container, () -> client.execStartCmd(exec).withStdIn(driver.stdin)
                .exec(driver.frames));
        return driver;
    }

    /** Whether the driver can still take requests. */
    boolean isAlive() {
        return !ended;
    }

    /**
     * Sends one message through nc; empty when another exchange is in progress (the caller uses
     * another way). The result names the command as {@code docker exec} would have run it.
     *
     * @throws ProbeException when the driver ends or stays silent past {@code timeout}; it is then closed
     */
    Optional<DockerCli.Result> exchange(List<String> ncCommand, String host, int port, long connectSeconds, long exchangeSeconds,
            byte[] payload, Duration timeout) {
        if (!busy.tryLock()) {
            return Optional.empty();
        }
        try {
            List<String> described = new ArrayList<>(List.of("exec", "-i", container));
            described.addAll(ncCommand);
            long start = System.nanoTime();
            synchronized (out) {
                out.reset();
            }
            byte[] header = (payload.length + " " + host + " " + port + " " + connectSeconds + " " + exchangeSeconds + "\n")
                    .getBytes(StandardCharsets.UTF_8);
            stdin.send(header);
            stdin.send(payload);
            long deadline = start + timeout.toNanos();
            synchronized (out) {
                while (true) {
                    byte[] buffered = out.toByteArray();
                    Optional<DockerCli.Result> reply;
                    try {
                        reply = parse(buffered, described, Duration.ofNanos(System.nanoTime() - start));
                    } catch (ProbeException | NumberFormatException e) {
                        close(); // out of step with the shell: a later message starts a new one
                        throw e instanceof ProbeException pe ? pe
                                : new ProbeException("the probe's driver shell in " + container + " replied with a malformed header: " + e.getMessage(), e);
                    }
                    if (reply.isPresent()) {
                        out.reset();
                        return reply;
                    }
                    long left = deadline - System.nanoTime();
                    if (ended || left <= 0) {
                        String why = ended ? "ended" : "gave no reply within " + timeout.toSeconds() + " s";
                        close();
                        throw new ProbeException("the probe's driver shell in " + container + " " + why + " while sending to " + host
                                + ":" + port + "; output so far: " + buffered.length + " bytes; its stderr: " + diagnostics.toString().strip());
                    }
                    out.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            close();
            throw new ProbeException("interrupted while sending to " + host + ":" + port + " through the probe in " + container, e);
        } finally {
            busy.unlock();
        }
    }

    /** A complete reply at the start of {@code b}, if one has arrived. */
    private static Optional<DockerCli.Result> parse(byte[] b, List<String> described, Duration elapsed) {
        int nl = -1;
        for (int i = 0; i < b.length; i++) {
            if (b[i] == '\n') {
                nl = i;
                break;
            }
        }
        if (nl < 0) {
            return Optional.empty();
        }
        String[] head = new String(b, 0, nl, StandardCharsets.US_ASCII).strip().split("\\s+");
        if (head.length != 3) {
            throw new ProbeException("the probe's driver shell replied with an unexpected line: '" + new String(b, 0, nl,
                    StandardCharsets.UTF_8) + "'");
        }
        int exit = Integer.parseInt(head[0]);
        int outLen = Integer.parseInt(head[1]);
        int errLen = Integer.parseInt(head[2]);
        if (b.length < nl + 1 + outLen + errLen) {
            return Optional.empty();
        }
        byte[] stdout = Arrays.copyOfRange(b, nl + 1, nl + 1 + outLen);
        String stderr = new String(b, nl + 1 + outLen, errLen, StandardCharsets.UTF_8);
        return Optional.of(new DockerCli.Result(List.copyOf(described), exit, stdout, stderr, elapsed, false));
    }

    private void end(String why) {
        synchronized (out) {
            ended = true;
            diagnostics.append(diagnostics.length() == 0 ? "" : "; ").append(why);
            out.notifyAll();
        }
    }

    /** Ends the driver: its stdin closes, the shell's loop ends. Idempotent. */
    @Override
    public void close() {
        end("closed");
        stdin.close();
        try {
            frames.close();
        } catch (IOException e) {
            // the stream is going away anyway
        }
    }

    /** The driver's stdin: blocks until bytes are sent; ends when closed. */
    private static final class Stdin extends InputStream {
        private static final byte[] END = new byte[0];
        private final LinkedBlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private volatile boolean closed;

        void send(byte[] bytes) {
            if (bytes.length > 0) {
                chunks.add(bytes.clone());
            }
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (pos >= current.length) {
                if (current == END) {
                    return -1;
                }
                try {
                    current = chunks.take();
                    pos = 0;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                if (current == END) {
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                chunks.add(END);
            }
        }
    }
}
