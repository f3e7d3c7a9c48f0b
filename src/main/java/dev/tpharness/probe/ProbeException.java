package dev.tpharness.probe;

/**
 * A probe could not do its job for a reason outside the system under test: Docker did not
 * answer, the probe image is missing, a command timed out. The message names the command, its
 * exit code and the tail of its output.
 */
public final class ProbeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ProbeException(String message) {
        super(message);
    }

    public ProbeException(String message, Throwable cause) {
        super(message, cause);
    }
}
