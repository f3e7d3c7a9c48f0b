package dev.tpharness.compose;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import dev.tpharness.internal.Poll;

/**
 * Course-faithful stacks use fixed names ({@code tp0}, {@code server}, {@code tp0_testing_net}),
 * so two of them with the same project can never run at once: one fair permit per project name in
 * the JVM, and a file lock per project name for every JVM on the machine
 * ({@code <java.io.tmpdir>/tp-harness-faithful-<project>.lock}; the operating system releases it
 * when a JVM dies, even by SIGKILL). Without the file lock two runs on one machine (two
 * {@code ./grade.sh}, two worktrees' builds) could both find the names free and start together,
 * each then removing the other's network and images. Isolated stacks never touch this.
 */
final class FaithfulLock {

    private static final Map<String, Semaphore> PERMITS = new ConcurrentHashMap<>();
    private static final Map<String, String> HOLDERS = new ConcurrentHashMap<>();
    private static final Map<String, FileLock> FILE_LOCKS = new ConcurrentHashMap<>();

    private FaithfulLock() {
    }

    static void acquire(String project, Duration wait, String who) {
        long start = System.nanoTime();
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
        try {
            Duration left = wait.minusNanos(System.nanoTime() - start);
            lockFile(project, left.isNegative() ? Duration.ZERO : left).ifPresent(lock -> FILE_LOCKS.put(project, lock));
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
        HOLDERS.put(project, who);
    }

    static void release(String project) {
        HOLDERS.remove(project);
        FileLock lock = FILE_LOCKS.remove(project);
        if (lock != null) {
            try {
                lock.release();
                lock.channel().close();
            } catch (IOException e) {
                // the channel is going away anyway; closing it releases the lock
            }
        }
        PERMITS.get(project).release();
    }

    static Path lockPath(String project) {
        return Path.of(System.getProperty("java.io.tmpdir"), "tp-harness-faithful-" + project + ".lock");
    }

    /** The machine-wide lock, waited for up to {@code wait}; empty where no lock file can be made (then only the JVM's permit holds). */
    private static java.util.Optional<FileLock> lockFile(String project, Duration wait) {
        Path path = lockPath(project);
        FileChannel channel;
        try {
            channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException | UnsupportedOperationException e) {
            return java.util.Optional.empty(); // e.g. a tmpdir another user owns the file in
        }
        try {
            FileLock lock = Poll.until("the lock file " + path, wait, Duration.ofMillis(200), () -> tryLock(channel), l -> l != null,
                    l -> new IllegalStateException("course-faithful project '" + project + "' is held by another process on this"
                            + " machine (lock file " + path + ") after waiting " + ComposeCli.human(wait) + ". Course-faithful"
                            + " stacks run one at a time per machine; to fix, let the other run finish, or stop it."));
            return java.util.Optional.of(lock);
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing was locked
            }
            throw e;
        }
    }

    private static FileLock tryLock(FileChannel channel) {
        try {
            return channel.tryLock();
        } catch (IOException e) {
            throw new IllegalStateException("cannot lock " + channel + ": " + e.getMessage(), e);
        }
    }
}
