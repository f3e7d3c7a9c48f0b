package dev.tpharness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Peak memory of containers while they exist, read from their cgroup: cgroup v1's
 * {@code memory/docker/<id>/memory.max_usage_in_bytes} (the kernel's own high-water mark, page
 * cache included), or cgroup v2's {@code memory.peak}; where neither exists, the highest
 * {@code memory.current} seen. Call {@link #sample} often (every 50 ms or so) until the
 * containers exit: the cgroup, and with it the figure, goes away with the container.
 */
final class PeakMemory {

    private static final Path V1 = Path.of("/sys/fs/cgroup/memory/docker");
    private static final Path V2 = Path.of("/sys/fs/cgroup/system.slice");

    private final Map<String, Long> peak = new ConcurrentHashMap<>();
    private final Map<String, Long> rssPeak = new ConcurrentHashMap<>();

    /** Which method is in use on this machine, for the notes. */
    static String method() {
        if (Files.isDirectory(V1)) {
            return "cgroup v1 memory.max_usage_in_bytes";
        }
        return "cgroup v2 memory.peak (or sampled memory.current)";
    }

    void sample(String containerId) {
        read(containerId).ifPresent(v -> peak.merge(containerId, v, Math::max));
        rss(containerId).ifPresent(v -> rssPeak.merge(containerId, v, Math::max));
    }

    /** Peak per container id, bytes. */
    Map<String, Long> peaks() {
        return Map.copyOf(peak);
    }

    /** Highest sampled resident set (rss of the cgroup, no page cache) per container id, bytes. */
    Map<String, Long> rssPeaks() {
        return Map.copyOf(rssPeak);
    }

    private static OptionalLong read(String id) {
        for (Path p : new Path[] {V1.resolve(id).resolve("memory.max_usage_in_bytes"),
                V2.resolve("docker-" + id + ".scope").resolve("memory.peak"),
                V2.resolve("docker-" + id + ".scope").resolve("memory.current")}) {
            try {
                return OptionalLong.of(Long.parseLong(Files.readString(p).strip()));
            } catch (IOException | NumberFormatException e) {
                // not this layout, or the container is gone
            }
        }
        return OptionalLong.empty();
    }

    private static OptionalLong rss(String id) {
        for (Path p : new Path[] {V1.resolve(id).resolve("memory.stat"), V2.resolve("docker-" + id + ".scope").resolve("memory.stat")}) {
            try {
                for (String line : Files.readAllLines(p)) {
                    if (line.startsWith("total_rss ") || line.startsWith("anon ")) {
                        return OptionalLong.of(Long.parseLong(line.substring(line.indexOf(' ') + 1).strip()));
                    }
                }
            } catch (IOException | NumberFormatException e) {
                // not this layout, or the container is gone
            }
        }
        return OptionalLong.empty();
    }
}
