package dev.tpharness.grading;

import org.opentest4j.TestAbortedException;

/**
 * The check could not be run on this machine for a reason outside the solution (a base image or
 * a package that cannot be fetched here, a host tool that is missing): verdict NOT RUN, which
 * never counts against the grade but makes the result "incomplete" (exit code 3).
 */
public final class NotRunHere extends TestAbortedException {
    private static final long serialVersionUID = 1L;

    /**
     * @param what what could not be done, naming the thing that is missing
     * @param fix  how to make it run (install, pull, grade elsewhere)
     */
    public NotRunHere(String what, String fix) {
        super("NOT RUN here: " + what + "; to run it: " + fix);
    }

    private NotRunHere(String message) {
        super(message);
    }

    /** The same verdict for another check that depended on the same thing. */
    public NotRunHere copy() {
        NotRunHere copy = new NotRunHere(getMessage());
        copy.initCause(this);
        return copy;
    }
}
