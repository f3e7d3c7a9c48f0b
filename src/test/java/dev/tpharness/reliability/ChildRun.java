package dev.tpharness.reliability;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.internal.Poll;

/**
 * A harness run in its own JVM, for tests that kill it, interrupt it or break its environment.
 * Prints one line per step on stdout ({@code UP <project>}, {@code CLOSED}, {@code FAILED after <ms> ms: <message>}).
 *
 * <ul>
 *   <li>{@code hold <compose file>}: brings an isolated stack up and waits (to be killed or interrupted);
 *   <li>{@code up-close <compose file>}: brings a stack up (its start-up sweep runs first) and closes it.
 * </ul>
 */
public final class ChildRun {

    private ChildRun() {
    }

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        ComposeFile file = ComposeFile.read(Path.of(args[1]));
        long start = System.nanoTime();
        ComposeStack stack = ComposeStack.isolated(file).stopTimeout(Duration.ofSeconds(1)).build();
        try {
            stack.up();
        } catch (RuntimeException e) {
            System.out.println("FAILED after " + (System.nanoTime() - start) / 1_000_000 + " ms: " + e.getMessage().replace('\n', ' '));
            System.out.flush();
            System.exit(3);
        }
        System.out.println("UP " + stack.project());
        System.out.flush();
        if (mode.equals("hold")) {
            new CountDownLatch(1).await(10, TimeUnit.MINUTES);
        } else {
            stack.close();
            System.out.println("CLOSED");
        }
    }

    /** A started child JVM and the file its output goes to. */
    record Child(Process process, Path outputFile) {

        String output() {
            try {
                return Files.exists(outputFile) ? Files.readString(outputFile) : "";
            } catch (IOException e) {
                return "(cannot read " + outputFile + ": " + e + ")";
            }
        }

        /** Waits (short polls) until the output contains {@code text}; fails with the output when the child ends first. */
        String await(String text, Duration timeout) {
            String out = Poll.until("the child to print '" + text + "'", timeout, Duration.ofMillis(100), this::output,
                    o -> o.contains(text) || !process.isAlive(),
                    o -> new AssertionError("child JVM did not print '" + text + "' within " + timeout + ":\n" + o));
            if (!out.contains(text) && !output().contains(text)) {
                throw new AssertionError("child JVM exited " + process.exitValue() + " without printing '" + text + "':\n" + output());
            }
            return output();
        }

        /** The project name printed after {@code UP}. */
        String project(Duration timeout) {
            return await("UP ", timeout).lines().filter(l -> l.startsWith("UP ")).findFirst().orElseThrow().substring(3).strip();
        }

        void kill() throws InterruptedException {
            process.destroyForcibly();
            process.waitFor(20, TimeUnit.SECONDS);
        }
    }

    static Child start(Path dir, String name, Map<String, String> env, List<String> systemProperties, String... args) throws IOException {
        // SIGINT back to its default: a test JVM started from a background job of a non-interactive
        // shell (a CI script's `cmd &`) inherits SIGINT ignored, and a JVM that finds it ignored
        // never runs its shutdown hooks on Ctrl-C (env execs java: the pid stays the JVM's)
        List<String> cmd = new ArrayList<>(List.of("env", "--default-signal=INT", Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xmx256m"));
        cmd.addAll(systemProperties);
        for (String key : List.of("tp.project.root", "tp.harness.outputDir")) {
            if (System.getProperty(key) != null) {
                cmd.add("-D" + key + "=" + System.getProperty(key));
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChildRun.class.getName()));
        cmd.addAll(List.of(args));
        Path out = dir.resolve(name + "-" + Instant.now().toEpochMilli() + ".log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile());
        pb.environment().putAll(env);
        return new Child(pb.start(), out);
    }

}
