package dev.tpharness.shutdown;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What the harness saw when it stopped one container: the raw facts, read from the Docker API
 * before anything was removed. {@code StopReport} turns them into a verdict.
 *
 * @param service       compose service name
 * @param container     container name (or id when it has no name)
 * @param grace         the grace period given to {@code stop}/{@code down} before SIGKILL
 * @param signalledAt   when the stop request was sent
 * @param finishedAt    when the container exited, as Docker recorded it (empty if still running)
 * @param exitCode      exit code (empty if still running)
 * @param oomKilled     Docker's OOMKilled flag
 * @param logsAfterSignal what the container printed from {@code signalledAt} on
 * @param fullLog       everything the container printed (stdout and stderr, in order)
 */
public record StopObservation(
        String service,
        String container,
        Duration grace,
        Instant signalledAt,
        Optional<Instant> finishedAt,
        Optional<Integer> exitCode,
        boolean oomKilled,
        String logsAfterSignal,
        String fullLog) {

    public StopObservation {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(container, "container");
        Objects.requireNonNull(grace, "grace");
        Objects.requireNonNull(signalledAt, "signalledAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        Objects.requireNonNull(exitCode, "exitCode");
        logsAfterSignal = logsAfterSignal == null ? "" : logsAfterSignal;
        fullLog = fullLog == null ? "" : fullLog;
    }

    /**
     * Time from the stop request to the exit. Empty while the container runs, and when it had
     * exited by itself before the request ({@link #exitedBeforeSignal()}): there is no time from a
     * signal it never got.
     */
    public Optional<Duration> timeToStop() {
        return exitedBeforeSignal() ? Optional.empty() : finishedAt.map(f -> Duration.between(signalledAt, f));
    }

    /**
     * Whether the container had already exited, by itself, when the stop request was sent: Docker
     * recorded its exit before {@link #signalledAt()}. Its exit code then says how its own run
     * ended, not how it handled the signal.
     */
    public boolean exitedBeforeSignal() {
        return exitCode.isPresent() && finishedAt.map(f -> f.isBefore(signalledAt)).orElse(false);
    }

    /** How long before the stop request the container exited by itself; empty unless {@link #exitedBeforeSignal()}. */
    public Optional<Duration> exitedBeforeSignalBy() {
        return exitedBeforeSignal() ? finishedAt.map(f -> Duration.between(f, signalledAt)) : Optional.empty();
    }
}
