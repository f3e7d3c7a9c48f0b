package dev.tpharness.compose;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tpharness.internal.Processes;

/**
 * Runs the compose CLI ({@code docker compose} v2 or {@code docker-compose} v1) with a watchdog
 * timeout on every call. Stateless apart from the command it was built with: no global lock, so
 * any number of stacks can run commands at the same time.
 */
final class ComposeCli {

    /** The setting naming the compose command, e.g. {@code docker-compose} or {@code docker compose}. */
    static final String COMMAND_PROPERTY = HarnessSettings.COMPOSE_COMMAND;

    private static final Duration DETECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Map<String, List<String>> DETECTED = new ConcurrentHashMap<>();

    record Result(List<String> command, int exitCode, String stdout, String stderr) {
    }

    private final List<String> composeCommand;
    private final Map<String, String> environment;

    ComposeCli(List<String> composeCommand, Map<String, String> environment) {
        if (composeCommand.isEmpty()) {
            throw new IllegalArgumentException("empty compose command");
        }
        this.composeCommand = List.copyOf(composeCommand);
        this.environment = Map.copyOf(environment);
    }

    /**
     * The CLI named by {@value #COMMAND_PROPERTY}, else {@code docker compose} if it answers
     * {@code version}, else {@code docker-compose}; detection is done once per PATH.
     */
    static ComposeCli detect(Map<String, String> environment, HarnessSettings settings) {
        Optional<List<String>> configured = settings.composeCommand();
        if (configured.isPresent()) {
            return new ComposeCli(configured.get(), environment);
        }
        String path = environment.getOrDefault("PATH", "");
        List<String> command = DETECTED.computeIfAbsent(path, p -> probe(environment));
        return new ComposeCli(command, environment);
    }

    static ComposeCli detect(Map<String, String> environment) {
        return detect(environment, HarnessSettings.current());
    }

    private static List<String> probe(Map<String, String> environment) {
        List<List<String>> candidates = List.of(List.of("docker", "compose"), List.of("docker-compose"));
        List<String> tried = new ArrayList<>();
        for (List<String> candidate : candidates) {
            ComposeCli cli = new ComposeCli(candidate, environment);
            try {
                Result r = cli.execute(cli.commandLine(List.of("version")), DETECT_TIMEOUT, null);
                if (r.exitCode() == 0) {
                    return candidate;
                }
                tried.add(String.join(" ", candidate) + " version -> exit " + r.exitCode() + ": "
                        + ComposeCommandException.tail(r.stderr()).strip());
            } catch (ComposeCommandException e) {
                tried.add(String.join(" ", candidate) + " version -> " + e.getMessage().lines().limit(2).toList());
            }
        }
        throw new ComposeCommandException("No Docker Compose CLI found. Tried:\n  " + String.join("\n  ", tried)
                + "\nTo fix, install Docker Compose v2 (the `docker compose` plugin) or v1 (`docker-compose`),"
                + " or name the command with -D" + COMMAND_PROPERTY + "=\"docker compose\".");
    }

    List<String> composeCommand() {
        return composeCommand;
    }

    /** {@code <compose> -p project [--project-directory dir] -f file... args}; throws unless exit code 0. */
    Result run(String project, List<Path> files, Path projectDirectory, Duration timeout, List<String> args) {
        Result result = runAllowingFailure(project, files, projectDirectory, timeout, args);
        if (result.exitCode() != 0) {
            throw new ComposeCommandException(result.command(), result.exitCode(), null, result.stdout(), result.stderr(), null);
        }
        return result;
    }

    /** Like {@link #run} but returns non-zero exit codes; still throws on timeout or when it cannot start. */
    Result runAllowingFailure(String project, List<Path> files, Path projectDirectory, Duration timeout, List<String> args) {
        List<String> full = new ArrayList<>();
        full.add("-p");
        full.add(project);
        if (projectDirectory != null) {
            full.add("--project-directory");
            full.add(projectDirectory.toString());
        }
        for (Path file : files) {
            full.add("-f");
            full.add(file.toString());
        }
        full.addAll(args);
        return execute(commandLine(full), timeout, null);
    }

    private List<String> commandLine(List<String> args) {
        List<String> line = new ArrayList<>(composeCommand);
        line.addAll(args);
        return line;
    }

    /** Runs any command line with this CLI's environment, the same timeout and capture rules. */
    Result execute(List<String> line, Duration timeout, Path workingDirectory) {
        Processes.Result r;
        try {
            r = Processes.run(line, environment, null, timeout, workingDirectory, false);
        } catch (java.io.UncheckedIOException e) {
            throw new ComposeCommandException(line, null, null, "", "", e.getCause());
        }
        String out = r.stdoutText();
        if (r.timedOut()) {
            throw new ComposeCommandException(line, null, timeout, out, r.stderr(), null);
        }
        return new Result(line, r.exitCode(), out, r.stderr());
    }

    static String human(Duration d) {
        return Processes.human(d);
    }

    static Map<String, String> environmentWith(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.putAll(extra);
        return env;
    }
}
