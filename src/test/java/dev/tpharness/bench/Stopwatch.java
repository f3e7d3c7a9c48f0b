package dev.tpharness.bench;

import java.util.concurrent.Callable;

/** Wall-clock timing of one action. */
final class Stopwatch {

    private Stopwatch() {
    }

    record Timed<T>(T value, double seconds) {
        double millis() {
            return seconds * 1000;
        }
    }

    static <T> Timed<T> time(Callable<T> action) throws Exception {
        long t0 = System.nanoTime();
        T value = action.call();
        return new Timed<>(value, (System.nanoTime() - t0) / 1e9);
    }
}
