package dev.tpharness.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecuteResultHandler;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.LogOutputStream;
import org.apache.commons.exec.PumpStreamHandler;

import dev.tpharness.internal.Processes;
import dev.tpharness.shutdown.StopObservation;

/**
 * Drives Docker for the ITs through the CLI, every command with a timeout. Everything it creates
 * carries {@code dev.tpharness=true} and {@code dev.tpharness.it-run=<id>} and a unique name;
 * {@link #close()} removes exactly that (containers, the network, the fixture images).
 */
public final class DockerTestSupport implements AutoCloseable {

    public static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final String runId = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> images = new ArrayList<>();
    private final List<String> networks = new ArrayList<>();
    private final List<ExecuteWatchdog> follows = new ArrayList<>();

    public String runId() {
        return runId;
    }

    private String runLabel() {
        return "dev.tpharness.it-run=" + runId;
    }

    public static Path projectRoot() {
        return Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath();
    }

    /** Runs {@code docker args...}; fails the test with command, exit code and output on a non-zero exit. */
    public static String docker(String... args) {
        Result r = dockerResult(args);
        if (r.exitCode != 0) {
            throw new IllegalStateException("`docker " + String.join(" ", args) + "` exited with " + r.exitCode
                    + "\nstdout: " + tail(r.stdout) + "\nstderr: " + tail(r.stderr));
        }
        return r.stdout;
    }

    public record Result(int exitCode, String stdout, String stderr) {
    }

    public static Result dockerResult(String... args) {
        List<String> line = new ArrayList<>(List.of("docker"));
        line.addAll(Arrays.asList(args));
        Processes.Result r = Processes.run(line, System.getenv(), null, TIMEOUT, null, true);
        if (r.timedOut()) {
            throw new IllegalStateException("`docker " + String.join(" ", args) + "` timed out after " + TIMEOUT
                    + "\nstdout: " + tail(r.stdoutText()) + "\nstderr: " + tail(r.stderr()));
        }
        return new Result(r.exitCode(), r.stdoutText(), r.stderr());
    }

    private static String tail(String s) {
        return s.length() > 2000 ? "..." + s.substring(s.length() - 2000) : s;
    }

    /** Builds {@code echo-images/<fixture>} under a tag unique to this run and returns the tag. */
    public String buildFixture(String fixture) {
        Path context = projectRoot().resolve("echo-images");
        if (!Files.isDirectory(context.resolve(fixture))) {
            throw new IllegalArgumentException("no fixture " + context.resolve(fixture));
        }
        String tag = "tpharness-it/" + fixture + ":" + runId;
        docker("build", "-q", "--label", "dev.tpharness=true", "--label", runLabel(),
                "-f", context.resolve(fixture).resolve("Dockerfile").toString(), "-t", tag, context.toString());
        images.add(tag);
        return tag;
    }

    /** Creates a labelled bridge network unique to this run and returns its name. */
    public String createNetwork() {
        String name = "tpharness-it-" + runId + "-" + networks.size();
        docker("network", "create", "--label", "dev.tpharness=true", "--label", runLabel(), name);
        networks.add(name);
        return name;
    }

    /** Starts a detached, labelled container; returns its name. {@code args} go before the image (e.g. --network-alias). */
    public String start(String nameHint, List<String> runArgs, String image, String... command) {
        String name = "tpharness-it-" + runId + "-" + nameHint;
        List<String> args = new ArrayList<>(List.of("run", "-d", "--name", name, "--label", "dev.tpharness=true",
                "--label", runLabel()));
        args.addAll(runArgs);
        args.add(image);
        args.addAll(List.of(command));
        docker(args.toArray(String[]::new));
        return name;
    }

    /** Polls {@code docker logs} (every 50 ms) until it contains {@code text}. */
    public static void awaitLog(String container, String text, Duration timeout) {
        dev.tpharness.internal.Poll.until("a log line of " + container, timeout, Duration.ofMillis(50), () -> docker("logs", container),
                logs -> logs.contains(text),
                logs -> new AssertionError(container + " did not log '" + text + "' within " + timeout + "; it logged:\n" + logs));
    }

    /** {@code docker stop -t grace}, then the facts from {@code docker inspect} and {@code docker logs}. */
    public static StopObservation stop(String container, String service, Duration grace) {
        Instant signalledAt = Instant.now();
        docker("stop", "-t", Long.toString(grace.toSeconds()), container);
        return observe(container, service, grace, signalledAt);
    }

    /** The facts of a container as they are now (a running one has no exit). */
    public static StopObservation observe(String container, String service, Duration grace, Instant signalledAt) {
        String[] state = docker("inspect", "-f", "{{.State.Running}}|{{.State.ExitCode}}|{{.State.FinishedAt}}|{{.State.OOMKilled}}",
                container).strip().split("\\|");
        boolean running = Boolean.parseBoolean(state[0]);
        Optional<Integer> exit = running ? Optional.empty() : Optional.of(Integer.parseInt(state[1]));
        Optional<Instant> finished = running ? Optional.empty() : Optional.of(Instant.parse(state[2]));
        Result after = dockerResult("logs", "--since", signalledAt.toString(), container);
        Result all = dockerResult("logs", container);
        return new StopObservation(service, container, grace, signalledAt, finished, exit, Boolean.parseBoolean(state[3]),
                after.stdout() + after.stderr(), all.stdout() + all.stderr());
    }

    /** Follows {@code docker logs -f} in the background, line by line into {@code sink}, until {@link #close()}. */
    public void follow(String container, Consumer<String> sink) {
        CommandLine command = new CommandLine("docker").addArgument("logs").addArgument("-f").addArgument(container);
        ExecuteWatchdog watchdog = ExecuteWatchdog.builder().setTimeout(Duration.ofMinutes(5)).get();
        DefaultExecutor executor = DefaultExecutor.builder().get();
        executor.setExitValues(null);
        executor.setWatchdog(watchdog);
        LogOutputStream lines = new LogOutputStream() {
            @Override
            protected void processLine(String line, int level) {
                sink.accept(line);
            }
        };
        executor.setStreamHandler(new PumpStreamHandler(lines, lines));
        try {
            executor.execute(command, new DefaultExecuteResultHandler());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        follows.add(watchdog);
    }

    @Override
    public void close() {
        follows.forEach(ExecuteWatchdog::destroyProcess);
        String ids = docker("ps", "-aq", "--filter", "label=" + runLabel()).strip();
        if (!ids.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("rm", "-f", "-v"));
            rm.addAll(List.of(ids.split("\\s+")));
            docker(rm.toArray(String[]::new));
        }
        networks.forEach(n -> dockerResult("network", "rm", n));
        images.forEach(i -> dockerResult("rmi", i));
    }
}
