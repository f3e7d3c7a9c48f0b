package dev.tpharness.compose;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Course-faithful stacks use fixed names ({@code tp0}, {@code server}, {@code tp0_testing_net}),
 * so two of them with the same project can never run at once: one fair permit per project name.
 * Isolated stacks never touch this.
 */
final class FaithfulLock {

    private static final Map<String, Semaphore> PERMITS = new ConcurrentHashMap<>();
    private static final Map<String, String> HOLDERS = new ConcurrentHashMap<>();

    private FaithfulLock() {
    }

    static void acquire(String project, Duration wait, String who) {
        Semaphore permit = PERMITS.computeIfAbsent(project, p -> new Semaphore(1, true));
        boolean acquired;
        try {
            acquired = permit.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for course-faithful project '" + project + "'", e);
        }
        if (!acquired) {
            throw new IllegalStateException("course-faithful project '" + project + "' is still held by " + HOLDERS.get(project)
                    + " after waiting " + ComposeCli.human(wait) + ". Course-faithful stacks run one at a time;"
                    + " to fix, close the other stack first, or use an isolated stack, which needs no lock.");
        }
        HOLDERS.put(project, who);
    }

    static void release(String project) {
        HOLDERS.remove(project);
        PERMITS.get(project).release();
    }
}
