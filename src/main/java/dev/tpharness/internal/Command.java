package dev.tpharness.internal;

import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.tpharness.internal.Processes;

/**
 * An external command for tests, run through the harness's own process runner
 * ({@link Processes}: commons-exec, always with a timeout that kills the whole process tree).
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
        return of(List.of(argv));
    }

    /** The same, from a list. */
    public static Command of(List<String> argv) {
        return new Command(argv, Path.of("").toAbsolutePath(), System.getenv(), DEFAULT_TIMEOUT, null);
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
        Processes.Result r = Processes.run(argv, environment, stdin, timeout, directory, true);
        return new CommandResult(argv, r.timedOut() ? -1 : r.exitCode(), r.stdoutText(), r.stderr(), r.elapsed(), r.timedOut());
    }
}
