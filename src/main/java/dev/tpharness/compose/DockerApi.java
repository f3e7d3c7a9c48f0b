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

import org.testcontainers.DockerClientFactory;

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

    static DockerClient client() {
        return DockerClientFactory.instance().client();
    }

    /** Containers of a project (and service, if not null), stopped ones too, ordered by service then number. */
    static List<Container> containers(String project, String service) {
        Map<String, String> filter = service == null
                ? Map.of(PROJECT_LABEL, project)
                : Map.of(PROJECT_LABEL, project, SERVICE_LABEL, service);
        List<Container> found = new ArrayList<>(client().listContainersCmd().withShowAll(true).withLabelFilter(filter).exec());
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
        return client().inspectContainerCmd(id).exec();
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

    /** Every line the container printed so far (stdout and stderr, in Docker's order), with timestamps. */
    static List<LogLine> logLines(String containerId, Duration timeout) {
        List<LogLine> lines = new ArrayList<>();
        LineSplitter splitter = new LineSplitter(raw -> lines.add(parseTimestamped(raw)));
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
                lines.add(new LogLine(Instant.now(), "[tp-harness: log read timed out after " + ComposeCli.human(timeout) + "]"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.io.IOException e) {
            // closing the callback failed: the lines read so far are still valid
        }
        splitter.flush();
        return lines;
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
            }
        };
        client().logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true).exec(callback);
        return callback;
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
        for (com.github.dockerjava.api.model.Network n : client().listNetworksCmd().exec()) {
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
