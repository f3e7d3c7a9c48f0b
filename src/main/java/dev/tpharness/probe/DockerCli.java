package dev.tpharness.probe;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

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
        CommandLine command = new CommandLine("docker");
        args.forEach(a -> command.addArgument(a, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(timeout).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setExitValues(null);
        executor.setWatchdog(watchdog);
        executor.setStreamHandler(new PumpStreamHandler(out, err, new ByteArrayInputStream(stdin)));
        long start = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(command);
        } catch (IOException e) {
            throw new ProbeException("could not run `docker " + String.join(" ", args) + "`: " + e.getMessage()
                    + " (is the docker CLI installed and on the PATH?)", e);
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        return new Result(List.copyOf(args), exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8), elapsed,
                watchdog.killedProcess());
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
