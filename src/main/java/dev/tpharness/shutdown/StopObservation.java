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

    /** Time from the stop request to the exit, if the container exited. */
    public Optional<Duration> timeToStop() {
        return finishedAt.map(f -> f.isBefore(signalledAt) ? Duration.ZERO : Duration.between(signalledAt, f));
    }
}
