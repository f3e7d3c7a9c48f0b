package dev.tpharness.shutdown;

/** How a container ended after the stop request; see {@link StopReport#classify} for the rules. */
public enum StopVerdict {
    /** Exit code 0, well inside the grace period: SIGTERM was handled. */
    GRACEFUL("exited with 0 inside the grace period: SIGTERM was handled"),
    /** Exit code 143 (128 + SIGTERM): the process died from SIGTERM without handling it. */
    SIGTERM_NOT_HANDLED("exited with 143: the process died from SIGTERM without handling it"),
    /** Exit code 137 (128 + SIGKILL), or any exit at about the end of the grace period: killed after the grace period. */
    KILLED_AFTER_GRACE("was still running when the grace period ended and was killed (SIGKILL)"),
    /** Any other exit code, or killed by the OOM killer. */
    CRASHED("exited with an error code while stopping"),
    /** No exit recorded: the container is still running. */
    STILL_RUNNING("is still running"),
    /**
     * The container had exited by itself before the stop signal was sent: it was never signalled,
     * so nothing is known of how it handles SIGTERM; its exit code is that of its own run.
     */
    EXITED_BEFORE_SIGNAL("had exited by itself before the stop signal was sent, so it was never signalled");

    private final String description;

    StopVerdict(String description) {
        this.description = description;
    }

    /** What the verdict means, as a sentence fragment after the service name. */
    public String description() {
        return description;
    }
}
