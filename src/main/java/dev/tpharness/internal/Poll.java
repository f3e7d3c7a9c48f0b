package dev.tpharness.internal;

import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Polls where there is no event to wait for (a container's state, another run's containers, a
 * subnet that must come free): asks {@code probe} every {@code interval} until {@code done}
 * accepts the answer or {@code timeout} passes. Always asks at least once; the last answer is what
 * a timeout reports.
 *
 * <pre>{@code
 * List<ContainerState> states = Poll.until("service web to exit", Duration.ofSeconds(10), Duration.ofMillis(100),
 *         () -> stack.states("web"), s -> s.stream().noneMatch(ContainerState::isRunning),
 *         last -> new AssertionError("web still runs: " + last));
 * }</pre>
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class Poll {

    private Poll() {
    }

    /**
     * @param what      names the wait in the interruption message
     * @param onTimeout builds the failure from the last answer
     * @return the first answer {@code done} accepts
     * @throws IllegalStateException when the waiting thread is interrupted (its flag is set again)
     */
    public static <T, X extends Throwable> T until(String what, Duration timeout, Duration interval, Supplier<T> probe,
            Predicate<? super T> done, Function<? super T, X> onTimeout) throws X {
        Objects.requireNonNull(probe, "probe");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            T answer = probe.get();
            if (done.test(answer)) {
                return answer;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw onTimeout.apply(answer);
            }
            try {
                Thread.sleep(Math.max(1, Math.min(interval.toMillis(), left / 1_000_000)));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for " + what, e);
            }
        }
    }
}
