package dev.tpharness.internal;

import org.opentest4j.AssertionFailedError;

/**
 * Failures with a note added to their message, printed once.
 *
 * <p>Wrapping an error in a new one with the same message and the original as its cause prints
 * that message twice (once at the top, again under "Caused by:"). The copy made here has the
 * original's type (for assertion errors), stack trace, cause and suppressed exceptions, and only
 * the longer message.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class Failures {

    private Failures() {
    }

    /**
     * {@code failure} with {@code note} appended to its message: a copy for an
     * {@link AssertionFailedError} (keeping expected and actual, for IDE diffs) or a plain
     * {@link AssertionError}; any other throwable is returned itself with the note as a suppressed
     * {@link Note}, so its type and message stay what the code that threw it chose.
     */
    public static Throwable withNote(Throwable failure, String note) {
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        Throwable copy;
        if (failure instanceof AssertionFailedError afe) {
            copy = new AssertionFailedError(message + note,
                    afe.isExpectedDefined() ? afe.getExpected().getEphemeralValue() : null,
                    afe.isActualDefined() ? afe.getActual().getEphemeralValue() : null, failure.getCause());
        } else if (failure.getClass() == AssertionError.class) {
            copy = new AssertionError(message + note, failure.getCause());
        } else {
            failure.addSuppressed(new Note(note.strip()));
            return failure;
        }
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable s : failure.getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    /**
     * {@code failure} with {@code note} appended to its message, whatever its class: an
     * {@link AssertionFailedError} stays one, any other assertion error becomes a plain
     * {@link AssertionError} with the original's trace, cause and suppressed exceptions.
     */
    public static AssertionError inMessage(AssertionError failure, String note) {
        if (failure instanceof AssertionFailedError || failure.getClass() == AssertionError.class) {
            return (AssertionError) withNote(failure, note);
        }
        String message = failure.getMessage() == null ? "" : failure.getMessage();
        AssertionError copy = new AssertionError(message + note, failure.getCause());
        copy.setStackTrace(failure.getStackTrace());
        for (Throwable s : failure.getSuppressed()) {
            copy.addSuppressed(s);
        }
        return copy;
    }

    /** A note carried as a suppressed exception: no stack trace of its own, only the text. */
    public static final class Note extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Note(String message) {
            super(message, null, false, false);
        }
    }
}
