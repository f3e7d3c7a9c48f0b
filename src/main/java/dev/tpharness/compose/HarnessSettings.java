package dev.tpharness.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

import dev.tpharness.compose.model.ResourceLimits;
import dev.tpharness.internal.Values;

/**
 * Every setting of the harness in one immutable object, validated when it is made. Keys follow
 * one scheme, {@code tp.<area>.<name>}; values are parsed by one parser (durations {@code 30s},
 * {@code 2m}, {@code 500ms} or {@code PT30S}; sizes {@code 8m}, {@code 1g}; {@code true}/{@code false}).
 *
 * <table>
 *   <caption>Settings</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@value #COMPOSE_COMMAND}</td><td>detected</td><td>compose CLI, e.g. {@code docker-compose}</td></tr>
 *   <tr><td>{@value #COMPOSE_STRICT}</td><td>false</td><td>refuse compose files that reach onto the host</td></tr>
 *   <tr><td>{@value #DOCKER_API_TIMEOUT}</td><td>60s</td><td>bound of one Docker API call</td></tr>
 *   <tr><td>{@value #DOCKER_PING_TIMEOUT}</td><td>4s</td><td>bound of the first reachability check</td></tr>
 *   <tr><td>{@value #DOCKER_PULL_TIMEOUT}</td><td>2m</td><td>bound of pulling a missing image; 0 = never pull</td></tr>
 *   <tr><td>{@value #CLEANUP_STALE_AFTER}</td><td>1h</td><td>age of other runs' leftovers the start-up sweep removes; off = no sweep</td></tr>
 *   <tr><td>{@value #LOGS_MAX_IN_MEMORY}</td><td>8m</td><td>log bytes of one container kept in memory</td></tr>
 *   <tr><td>{@value #OUTPUT_DIR}</td><td>target/tp-harness</td><td>evidence and rewritten compose files</td></tr>
 *   <tr><td>{@value #LIMITS_ENABLED}</td><td>true</td><td>add default resource limits at all</td></tr>
 *   <tr><td>{@value #LIMITS_MEMORY}</td><td>512m</td><td>memory limit per service (off = none)</td></tr>
 *   <tr><td>{@value #LIMITS_PIDS}</td><td>256</td><td>process limit per service (off = none)</td></tr>
 *   <tr><td>{@value #LIMITS_LOG_MAX_SIZE}</td><td>10m</td><td>size of one log file Docker keeps (off = as configured)</td></tr>
 *   <tr><td>{@value #LIMITS_LOG_MAX_FILES}</td><td>3</td><td>number of log files Docker keeps</td></tr>
 * </table>
 *
 * <p>Where they come from: in tests run by the extension, JUnit configuration parameters
 * ({@code junit-platform.properties}, launcher parameters such as Maven Surefire's
 * {@code configurationParameters}), then system properties ({@code -Dtp.docker.pullTimeout=5m});
 * elsewhere, system properties. They are read once: the first stack of a JVM (or the extension's
 * first use) fixes them. Builders take a settings object too, so tests never need to change
 * global system properties:
 *
 * <pre>{@code
 * HarnessSettings settings = HarnessSettings.defaults().with(HarnessSettings.DOCKER_PULL_TIMEOUT, "0");
 * ComposeStack stack = ComposeStack.isolated(file).settings(settings).build();
 * }</pre>
 *
 * <p>Older names are still read: {@code tp.strict}, {@code tp.pull.timeout},
 * {@code tp.harness.outputDir}, {@code tp.limits} (on/off), {@code tp.limits.log.maxSize},
 * {@code tp.limits.log.maxFiles}.
 */
public final class HarnessSettings {

    public static final String COMPOSE_COMMAND = "tp.compose.command";
    public static final String COMPOSE_STRICT = "tp.compose.strict";
    public static final String DOCKER_API_TIMEOUT = "tp.docker.apiTimeout";
    public static final String DOCKER_PING_TIMEOUT = "tp.docker.pingTimeout";
    public static final String DOCKER_PULL_TIMEOUT = "tp.docker.pullTimeout";
    public static final String CLEANUP_STALE_AFTER = "tp.cleanup.staleAfter";
    public static final String LOGS_MAX_IN_MEMORY = "tp.logs.maxInMemory";
    public static final String OUTPUT_DIR = "tp.output.dir";
    public static final String LIMITS_ENABLED = "tp.limits.enabled";
    public static final String LIMITS_MEMORY = "tp.limits.memory";
    public static final String LIMITS_PIDS = "tp.limits.pids";
    public static final String LIMITS_LOG_MAX_SIZE = "tp.limits.logMaxSize";
    public static final String LIMITS_LOG_MAX_FILES = "tp.limits.logMaxFiles";

    /** Every key, in the order of the table. */
    public static final List<String> KEYS = List.of(COMPOSE_COMMAND, COMPOSE_STRICT, DOCKER_API_TIMEOUT, DOCKER_PING_TIMEOUT,
            DOCKER_PULL_TIMEOUT, CLEANUP_STALE_AFTER, LOGS_MAX_IN_MEMORY, OUTPUT_DIR, LIMITS_ENABLED, LIMITS_MEMORY, LIMITS_PIDS,
            LIMITS_LOG_MAX_SIZE, LIMITS_LOG_MAX_FILES);

    /** Older key -> current key. */
    static final Map<String, String> OLD_NAMES = Map.of(
            "tp.strict", COMPOSE_STRICT,
            "tp.pull.timeout", DOCKER_PULL_TIMEOUT,
            "tp.harness.outputDir", OUTPUT_DIR,
            "tp.limits", LIMITS_ENABLED,
            "tp.limits.log.maxSize", LIMITS_LOG_MAX_SIZE,
            "tp.limits.log.maxFiles", LIMITS_LOG_MAX_FILES);

    private static final HarnessSettings DEFAULTS = new HarnessSettings(Map.of());
    private static volatile HarnessSettings current;

    /** Key -> (name it was given under, raw value); only the keys that were set. */
    private final Map<String, Given> given;

    private record Given(String name, String value) {
    }

    private HarnessSettings(Map<String, Given> given) {
        this.given = Map.copyOf(given);
        validate();
    }

    /** Nothing set: every default. */
    public static HarnessSettings defaults() {
        return DEFAULTS;
    }

    /**
     * The settings of this JVM: the ones the extension read from JUnit's configuration, else the
     * system properties, read at the first call and kept.
     */
    public static HarnessSettings current() {
        HarnessSettings c = current;
        if (c == null) {
            synchronized (HarnessSettings.class) {
                if (current == null) {
                    current = fromSystemProperties();
                }
                c = current;
            }
        }
        return c;
    }

    /** Makes {@code settings} this JVM's {@link #current()} unless settings were read already; returns the current ones. */
    public static HarnessSettings useIfFirst(HarnessSettings settings) {
        synchronized (HarnessSettings.class) {
            if (current == null) {
                current = Objects.requireNonNull(settings, "settings");
            }
            return current;
        }
    }

    /** A fresh read of the system properties (see {@link #current()} for the kept one). */
    public static HarnessSettings fromSystemProperties() {
        return from(key -> Optional.ofNullable(System.getProperty(key)));
    }

    /**
     * Settings from any lookup, e.g. {@code context::getConfigurationParameter} of JUnit (which
     * itself falls back to system properties and {@code junit-platform.properties}).
     *
     * @throws IllegalArgumentException naming the key and the value when one is not understood
     */
    public static HarnessSettings from(Function<String, Optional<String>> lookup) {
        Map<String, Given> found = new LinkedHashMap<>();
        OLD_NAMES.forEach((old, key) -> lookup.apply(old).filter(v -> !v.isBlank()).ifPresent(v -> found.put(key, new Given(old, v.strip()))));
        for (String key : KEYS) {
            lookup.apply(key).filter(v -> !v.isBlank()).ifPresent(v -> found.put(key, new Given(key, v.strip())));
        }
        return new HarnessSettings(found);
    }

    /**
     * A copy with one setting changed; a blank value restores its default.
     *
     * @throws IllegalArgumentException for an unknown key or a value that is not understood
     */
    public HarnessSettings with(String key, String value) {
        String k = OLD_NAMES.getOrDefault(key, key);
        if (!KEYS.contains(k)) {
            throw new IllegalArgumentException("unknown setting '" + key + "'; the settings are " + KEYS);
        }
        Map<String, Given> copy = new LinkedHashMap<>(given);
        if (value == null || value.isBlank()) {
            copy.remove(k);
        } else {
            copy.put(k, new Given(key, value.strip()));
        }
        return new HarnessSettings(copy);
    }

    private void validate() {
        composeCommand();
        strict();
        dockerApiTimeout();
        dockerPingTimeout();
        pullTimeout();
        staleAfter();
        logsMaxInMemory();
        outputDirectory();
        limits();
    }

    private Optional<Given> get(String key) {
        return Optional.ofNullable(given.get(key));
    }

    private Duration duration(String key, Duration fallback) {
        return get(key).map(g -> Values.duration(g.value(), g.name())).orElse(fallback);
    }

    /** The name a setting was given under, for messages: {@code tp.strict} if the old name was used. */
    public String nameOf(String key) {
        return get(key).map(Given::name).orElse(key);
    }

    /** {@value #COMPOSE_COMMAND} split on spaces, e.g. {@code [docker, compose]}; empty: detect it. */
    public Optional<List<String>> composeCommand() {
        return get(COMPOSE_COMMAND).map(g -> Arrays.asList(g.value().split("\\s+")));
    }

    /** {@value #COMPOSE_STRICT}, default false. */
    public boolean strict() {
        return get(COMPOSE_STRICT).map(g -> Values.bool(g.value(), g.name())).orElse(false);
    }

    /** {@value #DOCKER_API_TIMEOUT}, default 60 s; positive. */
    public Duration dockerApiTimeout() {
        return positive(DOCKER_API_TIMEOUT, duration(DOCKER_API_TIMEOUT, Duration.ofSeconds(60)));
    }

    /** {@value #DOCKER_PING_TIMEOUT}, default 4 s; positive. */
    public Duration dockerPingTimeout() {
        return positive(DOCKER_PING_TIMEOUT, duration(DOCKER_PING_TIMEOUT, Duration.ofSeconds(4)));
    }

    /** {@value #DOCKER_PULL_TIMEOUT}, default 2 min; zero means never pull. */
    public Duration pullTimeout() {
        return duration(DOCKER_PULL_TIMEOUT, Duration.ofMinutes(2));
    }

    /** {@value #CLEANUP_STALE_AFTER}, default 1 h; empty when {@code off}. */
    public Optional<Duration> staleAfter() {
        Optional<Given> g = get(CLEANUP_STALE_AFTER);
        if (g.isPresent() && g.get().value().equalsIgnoreCase("off")) {
            return Optional.empty();
        }
        return Optional.of(duration(CLEANUP_STALE_AFTER, Duration.ofHours(1)));
    }

    /** {@value #LOGS_MAX_IN_MEMORY} in bytes, default 8 MiB. */
    public long logsMaxInMemory() {
        return get(LOGS_MAX_IN_MEMORY).map(g -> Values.size(g.value(), g.name())).orElse(8L << 20);
    }

    /** {@value #OUTPUT_DIR}, absolute; empty: the default ({@link OutputDirectory}). */
    public Optional<Path> outputDirectory() {
        return get(OUTPUT_DIR).map(g -> Path.of(g.value()).toAbsolutePath());
    }

    /** The default limits with {@code tp.limits.*} applied. */
    public ResourceLimits limits() {
        if (get(LIMITS_ENABLED).isPresent()) {
            Given g = get(LIMITS_ENABLED).get();
            String v = g.value().toLowerCase(java.util.Locale.ROOT);
            if (v.equals("off") || v.equals("false")) {
                return ResourceLimits.none();
            }
            if (!v.equals("on") && !v.equals("true")) {
                throw new IllegalArgumentException(g.name() + "=" + g.value() + " is not understood; use true (default limits) or false (none)");
            }
        }
        ResourceLimits l = ResourceLimits.defaults();
        try {
            Optional<Given> memory = get(LIMITS_MEMORY);
            if (memory.isPresent()) {
                l = l.withMemory(off(memory.get()) ? null : checkedSize(memory.get()));
            }
            Optional<Given> pids = get(LIMITS_PIDS);
            if (pids.isPresent()) {
                l = l.withPids(off(pids.get()) ? 0 : Values.positive(pids.get().value(), pids.get().name()));
            }
            Optional<Given> logSize = get(LIMITS_LOG_MAX_SIZE);
            if (logSize.isPresent()) {
                l = l.withLog(off(logSize.get()) ? null : checkedSize(logSize.get()), l.logMaxFiles());
            }
            Optional<Given> logFiles = get(LIMITS_LOG_MAX_FILES);
            if (logFiles.isPresent()) {
                l = l.withLog(l.logMaxSize(), (int) Math.min(Integer.MAX_VALUE, Values.positive(logFiles.get().value(), logFiles.get().name())));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a tp.limits.* setting is not understood: " + e.getMessage(), e);
        }
        return l;
    }

    private static boolean off(Given g) {
        return g.value().equalsIgnoreCase("off");
    }

    private static String checkedSize(Given g) {
        Values.size(g.value(), g.name());
        return g.value();
    }

    private Duration positive(String key, Duration d) {
        if (d.isZero()) {
            throw new IllegalArgumentException(nameOf(key) + "=" + given.get(key).value() + " must be positive");
        }
        return d;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HarnessSettings other && other.given.equals(given);
    }

    @Override
    public int hashCode() {
        return given.hashCode();
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("HarnessSettings[");
        given.forEach((k, g) -> sb.append(sb.charAt(sb.length() - 1) == '[' ? "" : ", ").append(g.name()).append('=').append(g.value()));
        return sb.append(given.isEmpty() ? "defaults]" : "]").toString();
    }
}
