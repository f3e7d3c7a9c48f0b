package dev.tpharness.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.tpharness.internal.Processes;

/** The docker CLI for test set-up and checks: 60 s timeout, output and exit code in every failure. */
public final class Docker {

    private Docker() {
    }

    /** Runs {@code docker args...}; returns trimmed stdout, throws on non-zero exit or timeout. */
    public static String run(String... args) {
        List<String> command = new ArrayList<>();
        command.add("docker");
        command.addAll(Arrays.asList(args));
        Processes.Result r = Processes.run(command, System.getenv(), null, Duration.ofSeconds(60), null, true);
        String out = (r.stdoutText() + r.stderr()).trim();
        if (r.timedOut()) {
            throw new IllegalStateException(String.join(" ", command) + " timed out after 60 s: " + out);
        }
        if (r.exitCode() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " -> exit " + r.exitCode() + ": " + out);
        }
        return r.stdoutText().trim();
    }

    /** Names/ids printed one per line by {@code docker <kind> ls -q --filter label=<label>} ({@code kind}: container, network, volume). */
    public static List<String> labelled(String kind, String label) {
        String out = kind.equals("container")
                ? run("ps", "-aq", "--filter", "label=" + label)
                : run(kind, "ls", "-q", "--filter", "label=" + label);
        return out.isEmpty() ? List.of() : out.lines().toList();
    }

    /** Polls every 100 ms, up to 20 s, until the condition holds. */
    public static void awaitUntil(java.util.function.BooleanSupplier condition, String what) {
        dev.tpharness.internal.Poll.until(what, java.time.Duration.ofSeconds(20), java.time.Duration.ofMillis(100),
                condition::getAsBoolean, held -> held, held -> new AssertionError("timed out after 20 s waiting until " + what));
    }
}
