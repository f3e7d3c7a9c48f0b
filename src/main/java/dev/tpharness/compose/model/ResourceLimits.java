package dev.tpharness.compose.model;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Default limits the harness gives every service that sets none itself, so that a hostile or
 * broken system under test cannot take the machine with it: memory (no swap on top), number of
 * processes, and the size of the log Docker keeps on disk. A service's own setting always wins
 * ({@code mem_limit} or {@code deploy.resources.limits.memory}; {@code pids_limit} or
 * {@code deploy.resources.limits.pids}; any {@code logging}).
 *
 * <pre>{@code
 * ComposeStack.isolated(file).limits(ResourceLimits.defaults().withMemory("1g")).build();
 * }</pre>
 *
 * <p>From system properties ({@link #fromSystemProperties()}): {@code -Dtp.limits=off} (none),
 * {@code -Dtp.limits.memory=1g}, {@code -Dtp.limits.pids=512}, {@code -Dtp.limits.log.maxSize=20m},
 * {@code -Dtp.limits.log.maxFiles=5}; a value {@code off} removes that one limit.
 *
 * @param memory      compose size such as {@code 512m}, or null for no memory limit
 * @param pids        maximum number of processes/threads, or 0 for no limit
 * @param logMaxSize  json-file {@code max-size} (e.g. {@code 10m}), or null to leave logging as is
 * @param logMaxFiles json-file {@code max-file}, at least 1 (used only with {@code logMaxSize})
 */
public record ResourceLimits(String memory, long pids, String logMaxSize, int logMaxFiles) {

    private static final Pattern SIZE = Pattern.compile("\\d+(\\.\\d+)?\\s?[kKmMgG]?[iI]?[bB]?");

    /** 512 MiB of memory and no swap, 256 processes, a log of at most 3 files of 10 MiB. */
    public static final ResourceLimits DEFAULTS = new ResourceLimits("512m", 256, "10m", 3);
    /** No limit added. */
    public static final ResourceLimits NONE = new ResourceLimits(null, 0, null, 1);

    public ResourceLimits {
        if (memory != null && !SIZE.matcher(memory).matches()) {
            throw new IllegalArgumentException("memory limit '" + memory + "' is not a size compose understands; use e.g. 512m or 1g");
        }
        if (pids < 0) {
            throw new IllegalArgumentException("pids limit must be positive (or 0 for none): " + pids);
        }
        if (logMaxSize != null && !SIZE.matcher(logMaxSize).matches()) {
            throw new IllegalArgumentException("log max-size '" + logMaxSize + "' is not a size; use e.g. 10m");
        }
        if (logMaxFiles < 1) {
            throw new IllegalArgumentException("log max-file must be at least 1: " + logMaxFiles);
        }
    }

    public static ResourceLimits defaults() {
        return DEFAULTS;
    }

    public static ResourceLimits none() {
        return NONE;
    }

    /**
     * {@link #DEFAULTS} changed by the {@code tp.limits*} system properties (see the class comment).
     *
     * @throws IllegalArgumentException naming the property and the value when one is not understood
     */
    public static ResourceLimits fromSystemProperties() {
        String all = System.getProperty("tp.limits", "").trim();
        if (all.equalsIgnoreCase("off")) {
            return NONE;
        }
        if (!all.isEmpty() && !all.equalsIgnoreCase("on")) {
            throw new IllegalArgumentException("-Dtp.limits=" + all + " is not understood; use 'off' (no default limits) or 'on'");
        }
        ResourceLimits l = DEFAULTS;
        try {
            String memory = System.getProperty("tp.limits.memory", "").trim();
            if (!memory.isEmpty()) {
                l = l.withMemory(memory.equalsIgnoreCase("off") ? null : memory);
            }
            String pids = System.getProperty("tp.limits.pids", "").trim();
            if (!pids.isEmpty()) {
                l = l.withPids(pids.equalsIgnoreCase("off") ? 0 : Long.parseLong(pids));
            }
            String logSize = System.getProperty("tp.limits.log.maxSize", "").trim();
            if (!logSize.isEmpty()) {
                l = l.withLog(logSize.equalsIgnoreCase("off") ? null : logSize, l.logMaxFiles());
            }
            String logFiles = System.getProperty("tp.limits.log.maxFiles", "").trim();
            if (!logFiles.isEmpty()) {
                l = l.withLog(l.logMaxSize(), Integer.parseInt(logFiles));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a -Dtp.limits.* system property is not understood: " + e.getMessage()
                    + " (set: memory=" + System.getProperty("tp.limits.memory") + ", pids=" + System.getProperty("tp.limits.pids")
                    + ", log.maxSize=" + System.getProperty("tp.limits.log.maxSize") + ", log.maxFiles="
                    + System.getProperty("tp.limits.log.maxFiles") + ")", e);
        }
        return l;
    }

    public ResourceLimits withMemory(String memory) {
        return new ResourceLimits(memory, pids, logMaxSize, logMaxFiles);
    }

    public ResourceLimits withPids(long pids) {
        return new ResourceLimits(memory, pids, logMaxSize, logMaxFiles);
    }

    public ResourceLimits withLog(String maxSize, int maxFiles) {
        return new ResourceLimits(memory, pids, maxSize, maxFiles);
    }

    boolean isNone() {
        return memory == null && pids == 0 && logMaxSize == null;
    }

    @Override
    public String toString() {
        return isNone() ? "no limits" : "memory " + Objects.requireNonNullElse(memory, "unlimited") + ", pids "
                + (pids == 0 ? "unlimited" : pids) + ", log " + (logMaxSize == null ? "as configured" : logMaxFiles + " x " + logMaxSize);
    }
}
