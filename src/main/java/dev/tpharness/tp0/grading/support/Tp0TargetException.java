package dev.tpharness.tp0.grading.support;

/** The repository to grade cannot be used (missing, not a git repository, unreadable branch...). */
public class Tp0TargetException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Tp0TargetException(String message) {
        super(message);
    }

    public Tp0TargetException(String message, Throwable cause) {
        super(message, cause);
    }
}
