package dev.tpharness.logs;

/**
 * {@link LogStream#await} gave up: the condition was not met in time (or the stream ended). The
 * message names the service, the condition, what was found and the last lines seen.
 */
public final class LogTimeoutError extends AssertionError {

    private static final long serialVersionUID = 1L;

    LogTimeoutError(String message) {
        super(message);
    }
}
