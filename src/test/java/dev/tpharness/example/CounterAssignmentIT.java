package dev.tpharness.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import dev.tpharness.example.counter.CounterAssignment;
import dev.tpharness.grading.GradeMain;
import dev.tpharness.grading.batch.StudentResult;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A second assignment through the product path: the example assignment {@code counter}
 * ({@code dev.tpharness.example.counter}, not in the grader jar) is packed into a jar of its own
 * with its {@code META-INF/services} file, as a course packs its assignment, and graded with
 * {@code grade.sh --assignment-jar} (the grader jar that {@code package} built) on BusyBox fixture
 * repositories: a correct counter, an echo (answers each line with itself), a counter deaf to
 * SIGTERM, one that skips empty lines, one that counts long lines in 4096-byte pieces, and one
 * whose compose file names an image that is not on this machine.
 */
class CounterAssignmentIT {

    static final String TITLE = "Line counter (example assignment)";
    static final String COUNTS = "answers each line with its length";
    static final String STOPS = "exits 0 on SIGTERM within the grace period";
    static final String EMPTY_LINE = "answers an empty line with 0";
    static final String LONG_LINE = "answers a 64 KiB line with 65536";
    static final Duration GRADING_TIMEOUT = Duration.ofMinutes(5);

    /** The counter as the statement asks; what each wrong fixture changes is the line it replaces. */
    private static final String TRAP = "trap 'exit 0' TERM";
    private static final String SERVE = "nc -ll -p 9000 -e sh -c 'while IFS= read -r l; do echo $${#l}; done' &";

    @TempDir
    static Path dir;
    static Path jar;
    static Path repos;

    @BeforeAll
    static void packTheAssignmentAndMakeTheFixtures() throws IOException, URISyntaxException {
        jar = pack(dir.resolve("counter.jar"));
        repos = Files.createDirectories(dir.resolve("repos"));
        fixture("correct", "alpine:3.20", TRAP, SERVE);
        fixture("echo", "alpine:3.20", TRAP, "nc -ll -p 9000 -e cat &");
        fixture("deaf", "alpine:3.20", "trap '' TERM", SERVE);
        fixture("skips-empty", "alpine:3.20", TRAP, "nc -ll -p 9000 -e sh -c 'while IFS= read -r l; do [ -n \"$$l\" ] && echo $${#l}; done' &");
        fixture("chunked", "alpine:3.20", TRAP, "nc -ll -p 9000 -e sh -c 'fold -w 4096 | while IFS= read -r l; do echo $${#l}; done' &");
        fixture("absent", "tph-example-absent/counter:1", TRAP, SERVE);
    }

    @Test
    void theJarAddsTheCounterNextToTp0() {
        CommandResult r = grade("--assignment-jar", jar.toString(), "--list-assignments");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout().lines()).anyMatch(l -> l.startsWith("tp0\t")).contains("counter\tcount\t" + TITLE);
    }

    @Test
    void withoutTheJarThereIsNoCounter() {
        CommandResult r = grade("--assignment", "counter", repos.resolve("correct").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains("no assignment named 'counter'", "--assignment-jar");
    }

    @Test
    void theCorrectCounterPasses() throws IOException {
        Path out = dir.resolve("out-correct");
        CommandResult r = grade("--assignment-jar", jar.toString(), "--assignment", "counter", "-o", out.toString(),
                repos.resolve("correct").toString());

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).contains("(counter: count)");
        String report = Files.readString(out.resolve("correct/report.md"));
        assertThat(report).startsWith("# " + TITLE + " report\n").contains("Target: " + repos.resolve("correct"),
                "| count | working tree, docker-compose.yaml | 2/2 | 2/2 | 0 |");
        StudentResult result = StudentResult.read(out.resolve("correct/result.json"));
        assertThat(result.assignment()).isEqualTo("counter");
        assertThat(result.title()).isEqualTo(TITLE);
        assertThat(verdicts(result)).isEqualTo(Map.of(COUNTS, "PASS", STOPS, "PASS", EMPTY_LINE, "PASS", LONG_LINE, "PASS"));
        assertThat(out.resolve("correct/junit.xml")).content().contains("<testsuites name=\"counter correct\"");
    }

    @Test
    void anEchoFailsTheCountingCheckAndIsWarnedOnTheAdvice() {
        Path out = dir.resolve("out-echo");
        CommandResult r = grade("--assignment-jar", jar.toString(), "--assignment", "counter", "-o", out.toString(),
                repos.resolve("echo").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        StudentResult result = StudentResult.read(out.resolve("echo/result.json"));
        assertThat(verdicts(result)).isEqualTo(Map.of(COUNTS, "FAIL", STOPS, "PASS", EMPTY_LINE, "WARN", LONG_LINE, "WARN"));
        assertThat(reason(result, COUNTS)).contains("abc").contains("evidence: logs and states in " + out.resolve("echo/run/count"));
        assertThat(out.resolve("echo/run/count")).isDirectory();
    }

    /** A git URL is cloned, then checked as a folder is: a clone without a compose file is not graded (ERROR), no check runs. */
    @Test
    void aCloneThatIsNoCounterRepositoryIsNotGraded() throws IOException {
        Path repo = Files.createDirectories(dir.resolve("not-a-counter"));
        Files.writeString(repo.resolve("README"), "no compose file here\n");
        for (String[] git : List.of(new String[] {"init", "--quiet"}, new String[] {"add", "."},
                new String[] {"-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "readme"})) {
            List<String> argv = new ArrayList<>(List.of("git"));
            argv.addAll(List.of(git));
            CommandResult r = Command.of(argv).in(repo).withTimeout(Duration.ofSeconds(30)).run();
            assertThat(r.exitCode()).as(r.describe()).isZero();
        }
        Path out = dir.resolve("out-clone");

        CommandResult r = grade("--assignment-jar", jar.toString(), "--assignment", "counter", "-o", out.toString(), "file://" + repo);

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        StudentResult result = StudentResult.read(out.resolve("not-a-counter/result.json"));
        assertThat(result.verdict()).isEqualTo(StudentResult.ERROR);
        assertThat(result.error()).isEqualTo(out.resolve("not-a-counter/repo") + " has no docker-compose.yaml (nor .yml) at its root: it is"
                + " not a solution of the counter assignment");
        assertThat(result.checks()).isEmpty();
    }

    /** An image that is neither here nor pullable is the machine's limit: NOT RUN (exit 3) with what to pull, never a FAIL. */
    @Test
    void anImageThatIsNotHereIsNotRun() {
        Path out = dir.resolve("out-absent");
        CommandResult r = grade("--assignment-jar", jar.toString(), "--assignment", "counter", "-o", out.toString(),
                "-Dtp.docker.pullTimeout=0", repos.resolve("absent").toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(3);
        StudentResult result = StudentResult.read(out.resolve("absent/result.json"));
        assertThat(verdicts(result)).isEqualTo(Map.of(COUNTS, "NOT RUN", STOPS, "NOT RUN", EMPTY_LINE, "NOT RUN", LONG_LINE, "NOT RUN"));
        assertThat(reason(result, COUNTS)).contains("tph-example-absent/counter:1", "docker pull tph-example-absent/counter:1");
    }

    /**
     * A class of every fixture that runs here: the class report names the example's title; each
     * wrong fixture gets exactly the FAIL or WARN of the check it breaks, every other check PASSes;
     * {@code --merge} of the result files (without the jar: the title is in them) gives the same
     * class report; {@code --matrix} lists the class.
     */
    @Test
    void aClassIsGradedMergedAndMadeAMatrix() throws IOException {
        Map<String, Map<String, String>> expected = new LinkedHashMap<>();
        expected.put("correct", Map.of(COUNTS, "PASS", STOPS, "PASS", EMPTY_LINE, "PASS", LONG_LINE, "PASS"));
        expected.put("echo", Map.of(COUNTS, "FAIL", STOPS, "PASS", EMPTY_LINE, "WARN", LONG_LINE, "WARN"));
        expected.put("deaf", Map.of(COUNTS, "PASS", STOPS, "FAIL", EMPTY_LINE, "PASS", LONG_LINE, "PASS"));
        expected.put("skips-empty", Map.of(COUNTS, "PASS", STOPS, "PASS", EMPTY_LINE, "WARN", LONG_LINE, "PASS"));
        expected.put("chunked", Map.of(COUNTS, "PASS", STOPS, "PASS", EMPTY_LINE, "PASS", LONG_LINE, "WARN"));
        StringBuilder lines = new StringBuilder("# the counter fixtures\n");
        expected.keySet().forEach(n -> lines.append(n).append(" repos/").append(n).append('\n'));
        Path classFile = Files.writeString(dir.resolve("class.txt"), lines);
        Path out = dir.resolve("out-class");

        CommandResult r = grade("--assignment-jar", jar.toString(), "--assignment", "counter", "-o", out.toString(), "--class",
                classFile.toString());

        assertThat(r.exitCode()).as(r.describe()).isEqualTo(1);
        String classReport = Files.readString(out.resolve("class-report.md"));
        assertThat(classReport).startsWith("# " + TITLE + " class report\n").contains("5 repositories: 1 PASS, 2 WARN, 2 FAIL");
        expected.forEach((name, verdicts) -> assertThat(verdicts(StudentResult.read(out.resolve(name).resolve("result.json"))))
                .as("the verdicts of %s", name).isEqualTo(verdicts));
        assertThat(reason(StudentResult.read(out.resolve("deaf/result.json")), STOPS)).contains("KILLED_AFTER_GRACE");

        Path merged = dir.resolve("out-merged");
        List<String> merge = new ArrayList<>(List.of("--merge", "-o", merged.toString()));
        expected.keySet().forEach(n -> merge.add(out.resolve(n).resolve("result.json").toString()));
        CommandResult m = grade(merge.toArray(String[]::new));
        assertThat(m.exitCode()).as(m.describe()).isEqualTo(1);
        assertThat(merged.resolve("class-report.md")).content().isEqualTo(classReport);

        CommandResult matrix = grade("--matrix", classFile.toString());
        assertThat(matrix.exitCode()).as(matrix.describe()).isZero();
        StringBuilder include = new StringBuilder();
        expected.keySet().forEach(n -> include.append(include.length() == 0 ? "" : ",").append("{\"name\":\"").append(n)
                .append("\",\"repo\":\"").append(repos.resolve(n)).append("\"}"));
        assertThat(matrix.stdout().strip()).isEqualTo("{\"include\":[" + include + "]}");
    }

    private static CommandResult grade(String... args) {
        List<String> argv = new ArrayList<>(List.of("bash", "grade.sh"));
        argv.addAll(List.of(args));
        return Command.of(argv).in(GradeMain.projectRoot()).withTimeout(GRADING_TIMEOUT).run();
    }

    /** Check name -> verdict. */
    private static Map<String, String> verdicts(StudentResult result) {
        Map<String, String> verdicts = new LinkedHashMap<>();
        result.checks().forEach(c -> verdicts.put(c.name(), c.verdict()));
        return verdicts;
    }

    private static String reason(StudentResult result, String check) {
        return result.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow().reason();
    }

    /** A repository whose compose file runs the counter on {@code image} with the trap line and the serving line given. */
    private static void fixture(String name, String image, String trap, String serve) throws IOException {
        Path repo = Files.createDirectories(repos.resolve(name));
        Files.writeString(repo.resolve("docker-compose.yaml"), """
                services:
                  counter:
                    image: %s
                    command:
                      - sh
                      - -c
                      - |
                        %s
                        %s
                        wait
                """.formatted(image, trap, serve), StandardCharsets.UTF_8);
    }

    /**
     * The assignment's jar, as a course builds it: the compiled classes of its package and its
     * service file at {@code META-INF/services/}.
     */
    static Path pack(Path target) throws IOException, URISyntaxException {
        Path classes = Path.of(CounterAssignment.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path pkg = classes.resolve("dev/tpharness/example/counter");
        Path services = classes.resolve("example-counter/META-INF/services/dev.tpharness.grading.Assignment");
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), manifest);
                Stream<Path> files = Files.walk(pkg)) {
            for (String folder : List.of("META-INF/services/", "dev/", "dev/tpharness/", "dev/tpharness/example/")) {
                out.putNextEntry(new JarEntry(folder));
                out.closeEntry();
            }
            for (Path p : (Iterable<Path>) files.sorted()::iterator) {
                String name = classes.relativize(p).toString().replace('\\', '/') + (Files.isDirectory(p) ? "/" : "");
                add(out, name, Files.isDirectory(p) ? null : p);
            }
            add(out, "META-INF/services/dev.tpharness.grading.Assignment", services);
        }
        return target;
    }

    private static void add(JarOutputStream out, String name, Path content) throws IOException {
        out.putNextEntry(new JarEntry(name));
        if (content != null) {
            Files.copy(content, out); // leaves the jar open
        }
        out.closeEntry();
    }
}
