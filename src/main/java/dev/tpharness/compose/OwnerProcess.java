package dev.tpharness.compose;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;

/**
 * The JVM that owns a run, as recorded in two labels, so that a later run can tell that the owner
 * is gone (killed with SIGKILL, power cut...) without waiting for the age threshold.
 *
 * <p>A pid only means something on the same kernel boot and in the same pid namespace, so the
 * host label is a hash of the host name, the kernel's boot id and the pid namespace; where any of
 * them cannot be read (macOS, Windows, a locked-down /proc) there is no owner label and only the
 * age threshold applies. The process label is {@code <pid>@<start epoch millis>}: a pid reused by
 * another process since has another start time, so it does not keep a dead run's resources alive,
 * and a live run is never mistaken for a dead one.
 *
 * @param host    hash of host name, boot id and pid namespace
 * @param process {@code <pid>@<start epoch millis>}
 */
record OwnerProcess(String host, String process) {

    /** This JVM, or empty where the machine cannot be identified reliably. */
    static final Optional<OwnerProcess> CURRENT = current();

    /** Start times are read from /proc with tick precision: a little slack. */
    private static final long START_TOLERANCE_MILLIS = 2_000;

    private static Optional<OwnerProcess> current() {
        Optional<String> host = hostKey();
        ProcessHandle self = ProcessHandle.current();
        Optional<Instant> start = self.info().startInstant();
        if (host.isEmpty() || start.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OwnerProcess(host.get(), self.pid() + "@" + start.get().toEpochMilli()));
    }

    static Optional<String> hostKey() {
        try {
            String boot = Files.readString(Path.of("/proc/sys/kernel/random/boot_id"), StandardCharsets.US_ASCII).strip();
            String pidNamespace = Files.readSymbolicLink(Path.of("/proc/self/ns/pid")).toString();
            String name = Files.readString(Path.of("/proc/sys/kernel/hostname"), StandardCharsets.UTF_8).strip();
            if (boot.isEmpty() || pidNamespace.isEmpty()) {
                return Optional.empty();
            }
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((name + "\n" + boot + "\n" + pidNamespace).getBytes(StandardCharsets.UTF_8));
            return Optional.of(HexFormat.of().formatHex(digest).substring(0, 16));
        } catch (IOException | UnsupportedOperationException | SecurityException | NoSuchAlgorithmException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the process that wrote these labels provably no longer runs: only when it ran on this
     * very machine, boot and pid namespace; anything unknown or unparsable counts as alive.
     */
    static boolean isGone(String hostLabel, String processLabel) {
        return CURRENT.isPresent() && isGone(hostLabel, processLabel, CURRENT.get().host());
    }

    static boolean isGone(String hostLabel, String processLabel, String thisHost) {
        if (hostLabel == null || processLabel == null || !hostLabel.equals(thisHost)) {
            return false;
        }
        int at = processLabel.indexOf('@');
        long pid;
        long startMillis;
        try {
            pid = Long.parseLong(processLabel.substring(0, Math.max(at, 0)));
            startMillis = Long.parseLong(processLabel.substring(at + 1));
        } catch (NumberFormatException e) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        Optional<Instant> start = process.get().info().startInstant();
        return start.isPresent() && Math.abs(start.get().toEpochMilli() - startMillis) > START_TOLERANCE_MILLIS;
    }
}
