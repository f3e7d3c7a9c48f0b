package dev.tpharness.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.tpharness.internal.DockerEngine;

import com.github.dockerjava.api.model.Container;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.logs.LogConditions;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.ExchangeOutcome;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.probe.ProbeOptions;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/** Sections 3 (generated stacks), 4 (netcat probe) and 5 (harness overhead), on the reference images. */
final class StackFigures {

    private static final String PROJECT_LABEL = "com.docker.compose.project";
    private static final String SERVICE_LABEL = "com.docker.compose.service";
    private static final String READY = "action: accept_connections | result: in_progress";
    private static final Duration STACK_LIMIT = Duration.ofMinutes(3);
    private static final double MIB = 1024.0 * 1024.0;

    private final ReferenceStacks stacks;

    StackFigures(ReferenceStacks stacks) {
        this.stacks = stacks;
    }

    // ---------------------------------------------------------------- section 3

    /** One run of an n-client stack: time from {@code up} to every client exited, and each client's peak memory. */
    record ClientsRun(double seconds, List<Double> peakMiB, List<Double> rssMiB, List<String> problems) {
    }

    ClientsRun clients(int n) throws Exception {
        ComposeFile file = stacks.generated(n, Map.of("CLI_LOOP_AMOUNT", "1", "CLI_LOOP_PERIOD", "0s"));
        ComposeStack stack = ComposeStack.isolated(file).stopTimeout(Duration.ofSeconds(2)).build();
        PeakMemory memory = new PeakMemory();
        List<String> problems = new ArrayList<>();
        try {
            long t0 = System.nanoTime();
            CompletableFuture<ComposeStack> up = CompletableFuture.supplyAsync(stack::up);
            long deadline = t0 + STACK_LIMIT.toNanos();
            double seconds = Double.NaN;
            while (System.nanoTime() < deadline) {
                List<Container> clients = containers(stack.project()).stream()
                        .filter(c -> label(c, SERVICE_LABEL).startsWith("client")).toList();
                clients.forEach(c -> memory.sample(c.getId()));
                if (up.isDone() && clients.size() == n && clients.stream().noneMatch(c -> "running".equals(c.getState())
                        || "created".equals(c.getState()))) {
                    seconds = (System.nanoTime() - t0) / 1e9;
                    clients.stream().filter(c -> !String.valueOf(c.getStatus()).startsWith("Exited (0)"))
                            .forEach(c -> problems.add(label(c, SERVICE_LABEL) + " " + c.getStatus()));
                    break;
                }
                if (up.isCompletedExceptionally()) {
                    up.join();
                }
                Thread.sleep(50); // sampling period of the cgroup figures
            }
            if (Double.isNaN(seconds)) {
                problems.add("not every client exited within " + STACK_LIMIT);
            }
            List<Double> peaks = memory.peaks().values().stream().map(b -> b / MIB).sorted().toList();
            List<Double> rss = memory.rssPeaks().values().stream().map(b -> b / MIB).sorted().toList();
            if (peaks.size() < n) {
                problems.add("memory read for " + peaks.size() + " of " + n + " clients");
            }
            return new ClientsRun(seconds, peaks, rss, problems);
        } finally {
            stack.close();
        }
    }

    // ---------------------------------------------------------------- section 4

    /** A running reference server (isolated stack) to probe; close it when done. */
    ComposeStack serverStack() {
        ComposeStack stack = ComposeStack.isolated(stacks.generated(0, Map.of())).stopTimeout(Duration.ofSeconds(2)).build().up();
        stack.logStream("server").await(LogConditions.action("accept_connections").result("in_progress"), Duration.ofSeconds(60));
        return stack;
    }

    /** Milliseconds of one message through a throwaway probe container ({@code docker run --rm}). */
    static double throwawayProbe(String network) throws Exception {
        var timed = Stopwatch.time(() -> NetcatProbe.sendOnce(network, "server", 12345,
                "throwaway probe\n".getBytes(StandardCharsets.UTF_8), ProbeOptions.defaults()));
        requireEcho(timed.value());
        return timed.millis();
    }

    /** Milliseconds per message for 100 messages through one reused probe (its start-up message not counted). */
    static List<Double> reusedProbe(String network) throws Exception {
        List<Double> millis = new ArrayList<>();
        try (NetcatProbe probe = NetcatProbe.on(network)) {
            requireEcho(probe.send("server", 12345, "warm-up\n"));
            for (int k = 1; k <= 100; k++) {
                String msg = "[CLIENT 1] Message N\u00b0" + k + "\n";
                var timed = Stopwatch.time(() -> probe.send("server", 12345, msg));
                requireEcho(timed.value());
                millis.add(timed.millis());
            }
        }
        return millis;
    }

    private static void requireEcho(EchoExchange echo) {
        if (echo.outcome() != ExchangeOutcome.REPLIED || !java.util.Arrays.equals(echo.payload(), echo.reply())) {
            throw new IllegalStateException("the probe did not get a byte-exact echo: " + echo);
        }
    }

    // ---------------------------------------------------------------- section 5

    /** Seconds from nothing to the server's accept line, through {@link ComposeStack} and its log stream. */
    double readyThroughHarness() {
        ComposeFile file = stacks.generated(1, Map.of("CLI_LOOP_AMOUNT", "1", "CLI_LOOP_PERIOD", "0s"));
        ComposeStack stack = ComposeStack.isolated(file).stopTimeout(Duration.ofSeconds(2)).build();
        try {
            long t0 = System.nanoTime();
            stack.up();
            stack.logStream("server").await(LogConditions.action("accept_connections").result("in_progress"), Duration.ofSeconds(60));
            return (System.nanoTime() - t0) / 1e9;
        } finally {
            stack.close();
        }
    }

    /**
     * The same file (as the harness rewrites it) with plain {@code docker compose up -d}, then
     * {@code docker compose logs -f server} read until the same accept line.
     */
    double readyBare(int run) throws Exception {
        ComposeFile file = ComposeStack.isolated(stacks.generated(1, Map.of("CLI_LOOP_AMOUNT", "1", "CLI_LOOP_PERIOD", "0s")))
                .build().composeFile();
        Path path = stacks.dir().resolve("bare-" + run + ".yaml");
        file.write(path);
        String project = "tph-bench-bare-" + Long.toHexString(System.nanoTime());
        String[] base = {"docker", "compose", "-p", project, "-f", path.toString()};
        try {
            long t0 = System.nanoTime();
            CommandResult up = Command.of(concat(base, "up", "-d")).withTimeout(Duration.ofMinutes(2)).run();
            if (up.exitCode() != 0) {
                throw new IllegalStateException("bare compose up failed: " + up.describe());
            }
            Process logs = new ProcessBuilder(concat(base, "logs", "-f", "--no-log-prefix", "server")).redirectErrorStream(true).start();
            CompletableFuture.delayedExecutor(60, TimeUnit.SECONDS).execute(logs::destroyForcibly);
            try (BufferedReader r = new BufferedReader(new InputStreamReader(logs.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                    if (line.contains(READY)) {
                        return (System.nanoTime() - t0) / 1e9;
                    }
                }
            } finally {
                logs.destroyForcibly();
            }
            throw new IllegalStateException("the server of bare project " + project + " never logged '" + READY + "'");
        } finally {
            Command.of(concat(base, "down", "-v", "-t", "1")).withTimeout(Duration.ofMinutes(1)).run();
        }
    }

    private static String[] concat(String[] a, String... b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    private static List<Container> containers(String project) {
        return DockerEngine.client().listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(PROJECT_LABEL, project)).exec();
    }

    private static String label(Container c, String key) {
        return c.getLabels() == null ? "" : c.getLabels().getOrDefault(key, "");
    }
}
