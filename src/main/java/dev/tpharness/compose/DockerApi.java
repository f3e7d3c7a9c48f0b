package dev.tpharness.compose;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import dev.tpharness.internal.DockerEngine;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;

/** The few Docker API calls the stack needs: containers by compose labels, inspect, logs. */
final class DockerApi {

    static final String PROJECT_LABEL = "com.docker.compose.project";
    static final String SERVICE_LABEL = "com.docker.compose.service";
    static final String NUMBER_LABEL = "com.docker.compose.container-number";

    private DockerApi() {
    }

    /** Setting: how long one Docker API call (list, inspect) may take, ISO-8601. Default 60 s. */
    static final String API_TIMEOUT_PROPERTY = DockerEngine.API_TIMEOUT_PROPERTY;

    /** {@link DockerEngine#bounded}: every Docker API call of the harness goes through it. */
    static <T> T bounded(String what, java.util.concurrent.Callable<T> call) {
        return DockerEngine.bounded(what, call);
    }

    static DockerClient client() {
        return DockerEngine.client();
    }

    /** Containers of a project (and service, if not null), stopped ones too, ordered by service then number. */
    static List<Container> containers(String project, String service) {
        Map<String, String> filter = service == null
                ? Map.of(PROJECT_LABEL, project)
                : Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service);
        List<Container> found = new ArrayList<>(bounded("list containers " + filter,
                () -> client().listContainersCmd().withShowAll(true).withLabelFilter(filter).exec()));
        found.sort(Comparator.comparing((Container c) -> label(c, SERVICE_LABEL)).thenComparingInt(c -> number(c)));
        return found;
    }

    static String label(Container c, String key) {
        return c.getLabels() == null ? "" : c.getLabels().getOrDefault(key, "");
    }

    private static int number(Container c) {
        try {
            return Integer.parseInt(label(c, NUMBER_LABEL));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static InspectContainerResponse inspect(String id) {
        return bounded("inspect container " + id, () -> client().inspectContainerCmd(id).exec());
    }

    static String name(InspectContainerResponse inspect) {
        String name = inspect.getName();
        return name == null || name.isEmpty() ? inspect.getId() : name.replaceFirst("^/", "");
    }

    /** Docker writes {@code 0001-01-01T00:00:00Z} for "never"; that and garbage become empty. */
    static Optional<Instant> instant(String dockerTime) {
        if (dockerTime == null || dockerTime.isEmpty() || dockerTime.startsWith("0001-")) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(dockerTime));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    /** One log line and when Docker received it. */
    record LogLine(Instant at, String text) {
    }

    /** Setting: how much of one container's log a read keeps in memory, e.g. {@code 8m}, {@code 512k}. */
    static final String LOG_MEMORY_PROPERTY = HarnessSettings.LOGS_MAX_IN_MEMORY;
    /** Longest line kept as one line; a longer run of bytes without a newline is cut into pieces of this size. */
    static final int MAX_LINE_BYTES = 1 << 20;

    /**
     * The lines the container printed so far (stdout and stderr, in Docker's order), with
     * timestamps; at most the last {@code budget} bytes of them: a service that floods its log
     * cannot fill the harness's heap. When lines were dropped, the first line says how many.
     */
    static List<LogLine> logLines(String containerId, Duration timeout, long budget) {
        LogTail tail = new LogTail(budget);
        readLog(containerId, timeout, tail);
        return tail.lines();
    }

    /** Streams every line the container printed so far to {@code sink}, without keeping any of them. */
    static void readLog(String containerId, Duration timeout, Consumer<LogLine> sink) {
        LineSplitter splitter = new LineSplitter(raw -> sink.accept(parseTimestamped(raw)));
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                splitter.accept(frame);
            }
        };
        try (callback) {
            client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withTimestamps(true)
                    .exec(callback);
            if (!callback.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                splitter.flush();
                sink.accept(new LogLine(Instant.now(), "[tp-harness: log read timed out after " + ComposeCli.human(timeout) + "]"));
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // closing the callback failed: the lines read so far are still valid
        }
        splitter.flush();
    }

    /** Keeps the newest lines up to a byte budget, and counts what it dropped. */
    static final class LogTail implements Consumer<LogLine> {
        /** Rough per-line cost of the objects around the text. */
        private static final int LINE_OVERHEAD = 64;
        private final long budget;
        private final java.util.ArrayDeque<LogLine> kept = new java.util.ArrayDeque<>();
        private long keptBytes;
        private long droppedLines;
        private long droppedBytes;

        LogTail(long budget) {
            this.budget = budget;
        }

        @Override
        public synchronized void accept(LogLine line) {
            kept.addLast(line);
            keptBytes += cost(line);
            while (keptBytes > budget && kept.size() > 1) {
                LogLine dropped = kept.removeFirst();
                keptBytes -= cost(dropped);
                droppedLines++;
                droppedBytes += dropped.text().length() + 1;
            }
        }

        private static long cost(LogLine line) {
            return line.text().length() + LINE_OVERHEAD;
        }

        synchronized List<LogLine> lines() {
            List<LogLine> lines = new ArrayList<>(kept.size() + 1);
            if (droppedLines > 0) {
                Instant at = kept.isEmpty() ? Instant.EPOCH : kept.peekFirst().at();
                lines.add(new LogLine(at, "[tp-harness: " + droppedLines + " earlier lines (" + Sizes.human(droppedBytes)
                        + ") dropped; only the last " + Sizes.human(budget) + " of the log are kept in memory (-D"
                        + LOG_MEMORY_PROPERTY + ")]"));
            }
            lines.addAll(kept);
            return lines;
        }

        synchronized long droppedLines() {
            return droppedLines;
        }
    }

    static String text(List<LogLine> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.text()).append('\n'));
        return sb.toString();
    }

    private static LogLine parseTimestamped(String raw) {
        int space = raw.indexOf(' ');
        if (space > 0) {
            Optional<Instant> at = instant(raw.substring(0, space));
            if (at.isPresent()) {
                return new LogLine(at.get(), raw.substring(space + 1));
            }
        }
        return new LogLine(Instant.EPOCH, raw);
    }

    /** Follows a container's log from its start; lines go to {@code consumer} until closed. */
    static AutoCloseable follow(String containerId, Consumer<String> consumer) {
        return follow(containerId, consumer, () -> { });
    }

    /**
     * {@link #follow(String, Consumer)}, calling {@code onEnd} (after the last line) when the engine
     * ends the stream by itself, which it does when the container stops.
     */
    static AutoCloseable follow(String containerId, Consumer<String> consumer, Runnable onEnd) {
        LineSplitter splitter = new LineSplitter(consumer);
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                splitter.accept(frame);
            }

            @Override
            public void onComplete() {
                splitter.flush();
                super.onComplete();
                onEnd.run();
            }
        };
        client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true).exec(callback);
        return callback;
    }

    /**
     * Waits, through the engine's own wait call, until the container is not running; false when it
     * still runs after {@code bound} or the call fails (e.g. the container was removed).
     */
    static boolean awaitStopped(String containerId, Duration bound) {
        try (var callback = client().waitContainerCmd(containerId).exec(new com.github.dockerjava.api.command.WaitContainerResultCallback())) {
            callback.awaitStatusCode(bound.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (RuntimeException | java.io.IOException e) {
            return false;
        }
    }

    /** Frames are not lines: a line can span frames, a frame can hold many lines; stdout and stderr are kept apart. */
    static final class LineSplitter {
        private final Consumer<String> consumer;
        private final Map<StreamType, ByteArrayOutputStream> pending = new EnumMap<>(StreamType.class);

        LineSplitter(Consumer<String> consumer) {
            this.consumer = consumer;
        }

        synchronized void accept(Frame frame) {
            ByteArrayOutputStream buffer = pending.computeIfAbsent(frame.getStreamType(), t -> new ByteArrayOutputStream());
            for (byte b : frame.getPayload()) {
                if (b == '\n') {
                    emit(buffer);
                } else {
                    buffer.write(b);
                    if (buffer.size() >= MAX_LINE_BYTES) {
                        emit(buffer); // a flood without newlines must not grow one line without bound
                    }
                }
            }
        }

        synchronized void flush() {
            pending.values().forEach(b -> {
                if (b.size() > 0) {
                    emit(b);
                }
            });
        }

        private void emit(ByteArrayOutputStream buffer) {
            String line = buffer.toString(StandardCharsets.UTF_8);
            buffer.reset();
            consumer.accept(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
        }
    }

    /** Names (and subnets) of the networks whose IPv4 subnet overlaps one of {@code subnets}. */
    static List<String> networksOverlapping(List<String> subnets) {
        List<String> found = new java.util.ArrayList<>();
        for (com.github.dockerjava.api.model.Network n : bounded("list networks", () -> client().listNetworksCmd().exec())) {
            if (n.getIpam() == null || n.getIpam().getConfig() == null) {
                continue;
            }
            for (var config : n.getIpam().getConfig()) {
                String theirs = config.getSubnet();
                if (theirs != null && subnets.stream().anyMatch(mine -> overlaps(mine, theirs))) {
                    found.add(n.getName() + " (" + theirs + ")");
                }
            }
        }
        return found;
    }

    /** Whether two IPv4 CIDR blocks share an address; false for anything that is not IPv4 CIDR. */
    static boolean overlaps(String a, String b) {
        long[] x = cidr(a);
        long[] y = cidr(b);
        return x != null && y != null && x[0] <= y[1] && y[0] <= x[1];
    }

    private static long[] cidr(String block) {
        String[] parts = block.split("/");
        String[] octets = parts[0].split("\\.");
        if (parts.length != 2 || octets.length != 4) {
            return null;
        }
        try {
            long ip = 0;
            for (String o : octets) {
                ip = ip << 8 | Integer.parseInt(o);
            }
            int bits = Integer.parseInt(parts[1]);
            long size = 1L << (32 - bits);
            long start = ip & ~(size - 1) & 0xffffffffL;
            return new long[] {start, start + size - 1};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
