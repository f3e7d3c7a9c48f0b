package dev.tpharness.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.tpharness.internal.Processes;

/** Runs the {@code docker} CLI with bytes on stdin, bytes back from stdout, and a hard timeout. */
final class DockerCli {

    private static final int TAIL_CHARS = 2000;

    private DockerCli() {
    }

    record Result(List<String> args, int exitCode, byte[] stdout, String stderr, Duration elapsed, boolean timedOut) {

        String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        String describe() {
            return "`docker " + String.join(" ", args) + "` "
                    + (timedOut ? "was killed after " + elapsed.toMillis() + " ms (timeout)" : "exited with " + exitCode)
                    + tail("stdout", stdoutText()) + tail("stderr", stderr);
        }

        private static String tail(String name, String text) {
            if (text.isBlank()) {
                return "";
            }
            String t = text.length() > TAIL_CHARS ? "..." + text.substring(text.length() - TAIL_CHARS) : text;
            return "\n  " + name + ": " + t.strip();
        }
    }

    /** Runs {@code docker args...}; never throws for a non-zero exit, only when docker cannot be started. */
    static Result run(List<String> args, byte[] stdin, Duration timeout) {
        List<String> line = new java.util.ArrayList<>(List.of("docker"));
        line.addAll(args);
        Processes.Result r;
        try {
            r = Processes.run(line, System.getenv(), stdin, timeout, null, true);
        } catch (java.io.UncheckedIOException e) {
            throw new ProbeException(e.getMessage(), e.getCause());
        }
        return new Result(List.copyOf(args), r.exitCode(), r.stdout(), r.stderr(), r.elapsed(), r.timedOut());
    }

    /** Like {@link #run} but a non-zero exit or a timeout is a {@link ProbeException} naming {@code what}. */
    static Result runOrThrow(String what, List<String> args, Duration timeout) {
        Result result = run(args, new byte[0], timeout);
        if (result.timedOut() || result.exitCode() != 0) {
            throw new ProbeException("could not " + what + ": " + result.describe());
        }
        return result;
    }
}
