package dev.tpharness.internal;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteException;
import org.apache.commons.exec.PumpStreamHandler;


/**
 * The one way the harness runs an external program (the compose CLI, {@code docker}, scripts):
 * commons-exec, a hard timeout whose watchdog kills the whole process tree, stdin given as bytes,
 * stdout kept as bytes and stderr as text. Never throws for a non-zero exit code; callers decide.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class Processes {

    /** How long, after the program ended or was killed, output pipes held open by a grandchild are still read. */
    private static final Duration PIPE_GRACE = Duration.ofSeconds(2);

    private Processes() {
    }

    /**
     * What one run gave.
     *
     * @param command  the whole command line
     * @param exitCode the exit code (meaningless when {@code timedOut})
     * @param stdout   every byte written to stdout
     * @param stderr   stderr as UTF-8 text
     * @param elapsed  wall time
     * @param timedOut whether the watchdog killed it at the timeout
     */
    public record Result(List<String> command, int exitCode, byte[] stdout, String stderr, Duration elapsed, boolean timedOut) {

        public Result {
            command = List.copyOf(command);
        }

        public String stdoutText() {
            return new String(stdout, StandardCharsets.UTF_8);
        }
    }

    /**
     * Runs {@code line} (program first; resolved against the {@code PATH} of {@code environment},
     * not the JVM's) with that environment, in {@code workingDirectory} (null: the JVM's).
     *
     * @param forcibly whether a timed-out tree gets SIGKILL ({@code true}) or SIGTERM (lets compose clean up)
     * @throws UncheckedIOException when the program cannot be started; the message names the command
     */
    public static Result run(List<String> line, Map<String, String> environment, byte[] stdin, Duration timeout,
            Path workingDirectory, boolean forcibly) {
        Objects.requireNonNull(timeout, "timeout");
        if (line.isEmpty()) {
            throw new IllegalArgumentException("empty command line");
        }
        CommandLine cmd = new CommandLine(resolveExecutable(line.get(0), environment));
        line.subList(1, line.size()).forEach(a -> cmd.addArgument(a, false));
        Capped out = new Capped(OUTPUT_LIMIT);
        Capped err = new Capped(OUTPUT_LIMIT);
        PumpStreamHandler streams = new PumpStreamHandler(out, err, new ByteArrayInputStream(stdin == null ? new byte[0] : stdin));
        // a killed command can leave a grandchild holding the pipes open: do not wait for it forever
        streams.setStopTimeout(PIPE_GRACE);
        TreeKillingWatchdog watchdog = new TreeKillingWatchdog(timeout, forcibly);
        DefaultExecutor.Builder<?> builder = DefaultExecutor.builder().setExecuteStreamHandler(streams);
        if (workingDirectory != null) {
            builder.setWorkingDirectory(workingDirectory);
        }
        DefaultExecutor executor = builder.get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        long start = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(cmd, environment);
        } catch (ExecuteException e) {
            exit = e.getExitValue();
            if (!watchdog.killedProcess()) {
                throw cannotRun(line, e);
            }
        } catch (IOException e) {
            throw cannotRun(line, e);
        }
        return new Result(line, exit, out.toByteArray(), err.toString(StandardCharsets.UTF_8) + out.note("stdout") + err.note("stderr"),
                Duration.ofNanos(System.nanoTime() - start), watchdog.killedProcess());
    }

    /** At most this much of each stream is kept: a program that writes without end must not fill the grader's memory. */
    static final int OUTPUT_LIMIT = 16 * 1024 * 1024;

    /** Keeps the first {@code limit} bytes and counts the rest. */
    static final class Capped extends ByteArrayOutputStream {
        private final int limit;
        private long dropped;

        Capped(int limit) {
            this.limit = limit;
        }

        @Override
        public synchronized void write(int b) {
            if (count < limit) {
                super.write(b);
            } else {
                dropped++;
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            int keep = Math.max(0, Math.min(len, limit - count));
            super.write(b, off, keep);
            dropped += len - keep;
        }

        /** Empty, or a line saying how much of the stream was not kept. */
        synchronized String note(String stream) {
            return dropped == 0 ? "" : "\n[tp-harness: " + dropped + " more bytes of " + stream + " not kept (limit " + limit + " bytes)]\n";
        }
    }

    private static UncheckedIOException cannotRun(List<String> line, IOException e) {
        return new UncheckedIOException("could not run `" + String.join(" ", line) + "`: " + e.getMessage()
                + " (is " + line.get(0) + " installed and on the PATH?)", e);
    }

    /** The JVM resolves bare program names against its own PATH, not the child's: do it ourselves. */
    static String resolveExecutable(String program, Map<String, String> environment) {
        if (program.contains(File.separator)) {
            return program;
        }
        String path = environment.getOrDefault("PATH", "");
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate.toString();
            }
        }
        return program;
    }

    /** {@code 5 s} or {@code 300 ms}: durations as messages show them. */
    public static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
