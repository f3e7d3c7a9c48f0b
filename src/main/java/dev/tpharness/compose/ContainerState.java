package dev.tpharness.compose;

import java.util.Optional;

/**
 * One container of a stack as Docker sees it now (from the Docker API, not CLI text).
 *
 * @param service   compose service name
 * @param container container name
 * @param status    Docker's status word: {@code created}, {@code running}, {@code exited}, ...
 * @param exitCode  exit code once the container has exited
 * @param oomKilled whether the kernel killed it for memory
 */
public record ContainerState(String service, String container, String status, Optional<Integer> exitCode, boolean oomKilled) {

    public boolean isRunning() {
        return "running".equals(status) || "restarting".equals(status);
    }

    @Override
    public String toString() {
        return container + " (" + service + "): " + status + exitCode.map(c -> ", exit code " + c).orElse("")
                + (oomKilled ? ", OOM-killed" : "");
    }
}
