package dev.tpharness.compose.model;

import java.util.Objects;

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
 * <p>From the settings (the harness's {@code HarnessSettings.limits()}, which builds on this model): {@code tp.limits.enabled=false}
 * (none), {@code tp.limits.memory=1g}, {@code tp.limits.pids=512}, {@code tp.limits.logMaxSize=20m},
 * {@code tp.limits.logMaxFiles=5}; a value {@code off} removes that one limit.
 *
 * @param memory      compose size such as {@code 512m}, or null for no memory limit
 * @param pids        maximum number of processes/threads, or 0 for no limit
 * @param logMaxSize  json-file {@code max-size} (e.g. {@code 10m}), or null to leave logging as is
 * @param logMaxFiles json-file {@code max-file}, at least 1 (used only with {@code logMaxSize})
 */
public record ResourceLimits(String memory, long pids, String logMaxSize, int logMaxFiles) {

    /** 512 MiB of memory and no swap, 256 processes, a log of at most 3 files of 10 MiB. */
    public static final ResourceLimits DEFAULTS = new ResourceLimits("512m", 256, "10m", 3);
    /** No limit added. */
    public static final ResourceLimits NONE = new ResourceLimits(null, 0, null, 1);

    public ResourceLimits {
        if (memory != null) {
            dev.tpharness.internal.Values.size(memory, "memory limit");
        }
        if (pids < 0) {
            throw new IllegalArgumentException("pids limit must be positive (or 0 for none): " + pids);
        }
        if (logMaxSize != null) {
            dev.tpharness.internal.Values.size(logMaxSize, "log max-size");
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
