package dev.tpharness.testsupport;

import java.util.Comparator;

import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Tag;

/**
 * Starts the classes tagged {@value #TAG} first and keeps every other class in the order it was
 * discovered in. A slow class that runs concurrently ({@code @Execution(CONCURRENT)}) is then
 * forked before the same-thread classes start, and runs beside them instead of after them: the
 * fixture class grading (more than half of {@code .ci/run}) overlaps the other integration tests.
 * Configured for the whole test run in {@code junit-platform.properties}.
 */
public final class SlowFirstClassOrderer implements ClassOrderer {

    /** The tag of a class that must start first. */
    public static final String TAG = "slow";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        // List.sort is stable: the other classes keep their relative order
        context.getClassDescriptors().sort(Comparator.comparingInt((ClassDescriptor c) -> slow(c) ? 0 : 1));
    }

    private static boolean slow(ClassDescriptor c) {
        return c.findRepeatableAnnotations(Tag.class).stream().anyMatch(t -> t.value().equals(TAG));
    }
}
