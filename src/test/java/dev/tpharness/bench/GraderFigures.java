package dev.tpharness.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;

/**
 * Sections 7 and 8: the grader as teaching assistants run it, {@code grade.sh} with the grader jar
 * (a process each, as on the command line).
 * <ul>
 *   <li>7: one real-style solution (Python server, Go client built in a multi-stage Dockerfile),
 *       graded end to end; against the same checks one by one (the suites' parallel execution off);</li>
 *   <li>8: a class of 8 fixture solutions in one {@code grade.sh --class}; against grading them one
 *       repository after another ({@code grade.sh REPO} eight times).</li>
 * </ul>
 */
final class GraderFigures {

    /** The class of section 8: the correct solution and seven variants of different kinds. */
    static final List<String> CLASS = List.of(Tp0FixtureRepos.CORRECT, "server-config-at-debug", "validator-exit-0", "client-ignores-sigterm",
            "generator-python", "shutdown-lines-debug-only", "server-reads-1024", "validator-extra-lines");

    /** Bounds of one grade.sh run. */
    static final Duration ONE_REPOSITORY = Duration.ofMinutes(20);
    static final Duration A_CLASS = Duration.ofMinutes(60);

    private final Path root;
    private final Path work;
    private final Path jar;

    GraderFigures(Path root, Path work) throws IOException {
        this.root = root;
        this.work = Files.createDirectories(work);
        try (var jars = Files.list(root.resolve("target"))) {
            this.jar = jars.filter(p -> p.getFileName().toString().matches("tp-harness-.*-grader\\.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no grader jar in " + root.resolve("target") + ": run ./mvnw -DskipTests package"));
        }
    }

    /** A grading's wall time, exit code and verdict line. */
    record Graded(double seconds, int exit, String tail) {
    }

    Graded grade(Duration bound, String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", root.resolve("grade.sh").toString()));
        argv.addAll(List.of(args));
        long t0 = System.nanoTime();
        CommandResult r = Command.of(argv.toArray(String[]::new)).withEnv("TP_GRADER_JAR", jar.toString()).withTimeout(bound).run();
        double s = (System.nanoTime() - t0) / 1e9;
        if (r.timedOut() || (r.exitCode() != 0 && r.exitCode() != 1 && r.exitCode() != 3)) {
            throw new IllegalStateException("grade.sh " + String.join(" ", args) + " broke: " + r.describe());
        }
        // the verdict: a repository's RESULT line, or a class's headline
        String verdict = r.stdout().lines().filter(l -> l.startsWith("RESULT: ") || l.matches("\\d+ repositor(y|ies): .*"))
                .reduce((a, b) -> b).map(l -> l.replaceFirst("^RESULT: ", "")).orElse("exit " + r.exitCode());
        return new Graded(s, r.exitCode(), verdict);
    }

    /** The real-style fixture as a git repository of its own. */
    Path realStyleRepository() throws IOException {
        Path repo = work.resolve("real-style");
        if (!Files.isDirectory(repo.resolve(".git"))) {
            Path src = Tp0FixtureRepos.fixturesRoot().resolve("real-style");
            require(Command.of("cp", "-r", src.toString(), repo.toString()).withTimeout(Duration.ofSeconds(30)).run(), "copy " + src);
            git(repo, "init", "-q");
            git(repo, "add", "-A");
            git(repo, "-c", "user.name=bench", "-c", "user.email=bench@tp-harness.invalid", "commit", "-qm", "real-style solution");
        }
        return repo;
    }

    /** Section 8's class file, its repositories made from the fixtures. */
    Path classFile() throws IOException {
        Path repos = Files.createDirectories(work.resolve("class-repos"));
        StringBuilder lines = new StringBuilder("# section 8: 8 fixture solutions\n");
        for (String v : CLASS) {
            Path dir = repos.resolve(v);
            Path repo;
            try (var existing = Files.isDirectory(dir) ? Files.list(dir) : java.util.stream.Stream.<Path>empty()) {
                repo = existing.filter(p -> Files.isDirectory(p.resolve(".git"))).findFirst().orElse(null);
            }
            if (repo == null) {
                repo = Tp0FixtureRepos.create(Files.createDirectories(dir), v);
            }
            lines.append(v).append(' ').append(repo).append('\n');
        }
        return Files.writeString(work.resolve("class.txt"), lines.toString());
    }

    List<String> repositories(Path classFile) throws IOException {
        return Files.readAllLines(classFile).stream().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\\s+", 2)[1]).toList();
    }

    Path out(String name) {
        return work.resolve("out-" + name);
    }

    private static void git(Path repo, String... args) {
        List<String> argv = new ArrayList<>(List.of("git", "-C", repo.toString()));
        argv.addAll(List.of(args));
        require(Command.of(argv.toArray(String[]::new)).withTimeout(Duration.ofSeconds(30)).run(), "git " + String.join(" ", args));
    }

    private static void require(CommandResult r, String what) {
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new IllegalStateException("cannot " + what + ": " + r.describe());
        }
    }
}
