package dev.tpharness.testsupport;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.PumpStreamHandler;

import dev.tpharness.compose.TreeKillingWatchdog;

/**
 * An external command for tests, run through commons-exec, always with a timeout.
 *
 * <pre>{@code
 * CommandResult r = Command.of("bash", "generar-compose.sh", "out.yaml", "3")
 *         .in(repo)
 *         .withEnv("JAVA_HOME", javaHome)
 *         .withTimeout(Duration.ofSeconds(30))
 *         .run();
 * assertThat(r.exitCode()).as(r.describe()).isZero();
 * }</pre>
 *
 * <p>Arguments cannot start or end with white space (commons-exec trims them; such an argument is
 * refused). Immutable: every {@code with...} returns a new command. The environment starts as this
 * JVM's; the default timeout is 60 seconds and the default folder the JVM's working folder.
 */
public record Command(List<String> argv, Path directory, Map<String, String> environment, Duration timeout,
        byte[] stdin) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    public Command {
        argv = List.copyOf(argv);
        if (argv.isEmpty()) {
            throw new IllegalArgumentException("a command needs at least the program");
        }
        for (String arg : argv) {
            if (!arg.equals(arg.strip())) {
                // commons-exec trims every argument: refuse instead of silently running something else
                throw new IllegalArgumentException("argument '" + arg + "' starts or ends with white space, which"
                        + " commons-exec would trim; pass it through the environment instead");
            }
        }
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        stdin = stdin == null ? new byte[0] : stdin.clone();
    }

    /** The program and its arguments, passed as they are (no shell, no quoting). */
    public static Command of(String... argv) {
        return new Command(List.of(argv), Path.of("").toAbsolutePath(), System.getenv(), DEFAULT_TIMEOUT, null);
    }

    /** The same command run in {@code folder}. */
    public Command in(Path folder) {
        return new Command(argv, folder.toAbsolutePath(), environment, timeout, stdin);
    }

    /** The same command with {@code name=value} in its environment. */
    public Command withEnv(String name, String value) {
        Map<String, String> env = new HashMap<>(environment);
        env.put(name, value);
        return new Command(argv, directory, env, timeout, stdin);
    }

    /** The same command without {@code name} in its environment. */
    public Command withoutEnv(String name) {
        Map<String, String> env = new HashMap<>(environment);
        env.remove(name);
        return new Command(argv, directory, env, timeout, stdin);
    }

    /** The same command, killed (and reported as timed out) if it runs longer than {@code limit}. */
    public Command withTimeout(Duration limit) {
        return new Command(argv, directory, environment, limit, stdin);
    }

    /** The same command reading {@code text} (UTF-8) on stdin; by default stdin is empty. */
    public Command withStdin(String text) {
        return new Command(argv, directory, environment, timeout, text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public byte[] stdin() {
        return stdin.clone();
    }

    /**
     * Runs the command to its end (or its timeout) and returns what happened; a non-zero exit is
     * a result, not an exception.
     *
     * @throws UncheckedIOException if the program cannot be started at all
     */
    public CommandResult run() {
        CommandLine line = new CommandLine(argv.get(0));
        argv.subList(1, argv.size()).forEach(arg -> line.addArgument(arg, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PumpStreamHandler streams = new PumpStreamHandler(out, err, new ByteArrayInputStream(stdin));
        // a grandchild that keeps the pipes open must not make us wait past the timeout
        streams.setStopTimeout(Duration.ofSeconds(2));
        ExecuteWatchdog watchdog = new TreeKillingWatchdog(timeout, true);
        DefaultExecutor executor = DefaultExecutor.builder()
                .setWorkingDirectory(directory)
                .setExecuteStreamHandler(streams)
                .get();
        executor.setWatchdog(watchdog);
        executor.setExitValues(null);
        long start = System.nanoTime();
        int exit;
        try {
            exit = executor.execute(line, environment);
        } catch (IOException e) {
            if (!watchdog.killedProcess()) {
                throw new UncheckedIOException("cannot run " + argv + " in " + directory + ": " + e.getMessage(), e);
            }
            exit = -1;
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        return new CommandResult(argv, exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                took, watchdog.killedProcess());
    }
}
