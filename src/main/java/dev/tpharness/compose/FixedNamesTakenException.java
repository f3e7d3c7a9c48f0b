package dev.tpharness.compose;

/**
 * A course-faithful stack cannot start because something the harness did not create (another
 * user's container or network, or a leftover of a run outside tp-harness) holds one of its fixed
 * names. Nothing was started and nothing was removed: the message names every holder and how to
 * free the names.
 */
public final class FixedNamesTakenException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    FixedNamesTakenException(String message) {
        super(message);
    }
}
