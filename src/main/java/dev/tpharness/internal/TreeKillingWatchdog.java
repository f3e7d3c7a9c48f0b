package dev.tpharness.internal;

import java.time.Duration;
import java.util.List;

import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.Watchdog;

/**
 * A commons-exec watchdog that, on timeout, kills the command's descendants too: {@code docker
 * compose} runs its plugin as a child process, and a killed shell script leaves its children (a
 * {@code sleep}, say) holding the output pipes, so the caller would wait on them forever.
 *
 * <pre>{@code
 * DefaultExecutor executor = DefaultExecutor.builder().get();
 * TreeKillingWatchdog watchdog = new TreeKillingWatchdog(Duration.ofSeconds(30), false);
 * executor.setWatchdog(watchdog);
 * }</pre>
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class TreeKillingWatchdog extends ExecuteWatchdog {

    private final boolean forcibly;
    private volatile Process process;

    /**
     * @param timeout  how long the command may run
     * @param forcibly descendants get SIGKILL ({@code true}) or SIGTERM ({@code false}, lets compose clean up)
     */
    @SuppressWarnings("deprecation") // the builder gives no way to subclass
    public TreeKillingWatchdog(Duration timeout, boolean forcibly) {
        super(timeout.toMillis());
        this.forcibly = forcibly;
    }

    @Override
    public synchronized void start(Process process) {
        this.process = process;
        super.start(process);
    }

    @Override
    public synchronized void timeoutOccured(Watchdog w) {
        Process p = process;
        // descendants first listed, then the process itself killed (which marks the timeout), then
        // the descendants: killing them first can let the process exit normally and hide the timeout
        List<ProcessHandle> descendants = p == null ? List.of() : p.descendants().toList();
        super.timeoutOccured(w);
        descendants.forEach(forcibly ? ProcessHandle::destroyForcibly : ProcessHandle::destroy);
    }
}
