package dev.tpharness.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/**
 * The library as a new user gets it: the jar and pom this build made, installed into a local
 * repository that starts empty, and a fresh Maven project (src/test/resources/consumer-project)
 * declaring only tp-harness and JUnit Jupiter, whose two tests bring up BusyBox stacks: an echo
 * server probed with netcat and judged on how it stops, and a line-length counter (a reply that is
 * not an echo) from a file with anchors and merge keys, with two scaled services and workers that
 * exit by themselves before the stack goes down. Run with {@code mvn -B verify} and no
 * {@code TESTCONTAINERS_*} variable in its environment, once per supported JUnit line; then the
 * library's own sources are compiled against that line's API, so a method only one line has
 * fails here, not in a user's build.
 *
 * <p>Everything but the library comes from Maven Central into the empty repository (both runs
 * share it, the first one fills it): about 15 s per run here. Logs of each run are kept in
 * {@code target/consumer-it/}.
 */
class ConsumerProjectIT {

    private static final Duration BUILD_TIMEOUT = Duration.ofMinutes(10);
    private static Path work;
    private static Path repository;
    private static String version;

    @BeforeAll
    static void installTheLibraryIntoAnEmptyRepository() throws IOException {
        Path root = Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath();
        Path jar = Path.of(required("tp.library.jar"));
        version = required("tp.library.version");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no library jar at " + jar + ": run this test through `./mvnw verify` (after package)");
        }
        work = root.resolve("target/consumer-it");
        deleteTree(work);
        repository = Files.createDirectories(work.resolve("repository"));
        Path installed = Files.createDirectories(repository.resolve("dev/tpharness/tp-harness/" + version));
        // the layout `mvn install` writes: a locally installed artifact, never looked up remotely
        Files.copy(jar, installed.resolve("tp-harness-" + version + ".jar"));
        Files.copy(root.resolve("pom.xml"), installed.resolve("tp-harness-" + version + ".pom"));
    }

    @ParameterizedTest(name = "JUnit Jupiter {0}")
    @ValueSource(strings = {"5.10.5", "6.1.3"})
    void aFreshProjectRunsAStackTestWithNoWorkaround(String jupiter) throws IOException {
        Path project = work.resolve("project-" + jupiter);
        copyTree(Path.of(System.getProperty("tp.project.root", "")).resolve("src/test/resources/consumer-project"), project);
        Path pom = project.resolve("pom.xml");
        Files.writeString(pom, Files.readString(pom).replace("@HARNESS_VERSION@", version).replace("@JUNIT_VERSION@", jupiter));
        copyWrapper(project);

        Instant start = Instant.now();
        CommandResult build = new Command(List.of("./mvnw", "-B", "-ntp", "-Dmaven.repo.local=" + repository, "verify"),
                project, cleanEnvironment(), BUILD_TIMEOUT, null).run();
        Duration took = Duration.between(start, Instant.now());
        Path log = work.resolve("build-" + jupiter + ".log");
        Files.writeString(log, build.stdout() + build.stderr());
        System.out.println("[consumer-it] JUnit " + jupiter + ": mvn verify exit " + build.exitCode() + " in " + took.toSeconds()
                + " s, log " + log);

        assertThat(build.timedOut()).as("mvn verify finished within %s; %s", BUILD_TIMEOUT, build.describe()).isFalse();
        assertThat(build.exitCode()).as("mvn verify of the consumer project; log in %s\n%s", log, build.describe()).isZero();
        assertThat(build.stdout())
                .as("the consumer's test ran (log %s)", log).contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0")
                .as("SLF4J stays quiet without a logging backend (log %s)", log).doesNotContain("SLF4J(W)")
                .as("Ryuk is never started (log %s)", log).doesNotContainIgnoringCase("ryuk");

        assertTheLibraryCompilesAgainst(jupiter);
    }

    /** The environment of a new user's shell: none of the variables older versions needed. */
    private static Map<String, String> cleanEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(k -> k.startsWith("TESTCONTAINERS_") || k.equals("MAVEN_ARGS"));
        return env;
    }

    /** javac on every library source file (the grader aside) with this Jupiter line's jars instead of the ones the build uses. */
    private static void assertTheLibraryCompilesAgainst(String jupiter) throws IOException {
        String platform = jupiter.startsWith("5.") ? "1." + jupiter.substring(2) : jupiter;
        List<String> classpath = new ArrayList<>();
        classpath.add(artifact("org/junit/jupiter/junit-jupiter-api/" + jupiter));
        classpath.add(artifact("org/junit/platform/junit-platform-commons/" + platform));
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String e = entry.replace('\\', '/');
            boolean junit = e.contains("/org/junit/");
            boolean ours = e.endsWith("/target/classes") || e.endsWith("/target/test-classes");
            if (!junit && !ours) {
                classpath.add(entry); // opentest4j, assertj, docker-java, ... as the build resolved them
            }
        }
        Path sources = Path.of(System.getProperty("tp.project.root", "")).resolve("src/main/java");
        List<String> args = new ArrayList<>(List.of("-d", Files.createDirectories(work.resolve("javac-" + jupiter)).toString(),
                "--release", "17", "-proc:none", "-nowarn", "-cp", String.join(File.pathSeparator, classpath)));
        try (Stream<Path> files = Files.walk(sources)) {
            // the grading kit (grading/) and TP0's assignment (tp0/grading) are not for consumers: the grader jar
            // bundles the JUnit Platform it was built with
            Path kit = sources.resolve("dev/tpharness/grading");
            Path grader = sources.resolve("dev/tpharness/tp0/grading");
            files.filter(p -> p.toString().endsWith(".java") && !p.startsWith(grader) && !p.startsWith(kit)).forEach(p -> args.add(p.toString()));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        int rc = javac.run(null, diagnostics, diagnostics, args.toArray(String[]::new));
        assertThat(rc).as("src/main/java compiles against junit-jupiter-api %s:\n%s", jupiter,
                diagnostics.toString(StandardCharsets.UTF_8)).isZero();
    }

    private static String artifact(String folder) throws IOException {
        Path dir = repository.resolve(folder);
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".jar") && !p.toString().endsWith("-sources.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no jar in " + dir)).toString();
        }
    }

    private static void copyWrapper(Path project) throws IOException {
        Path root = Path.of(System.getProperty("tp.project.root", ""));
        Files.copy(root.resolve("mvnw"), project.resolve("mvnw"));
        Files.createDirectories(project.resolve(".mvn/wrapper"));
        Files.copy(root.resolve(".mvn/wrapper/maven-wrapper.properties"), project.resolve(".mvn/wrapper/maven-wrapper.properties"));
        project.resolve("mvnw").toFile().setExecutable(true);
    }

    private static String required(String property) {
        String value = System.getProperty(property, "");
        if (value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set: run this test through `./mvnw verify`,"
                    + " whose failsafe configuration sets it");
        }
        return value;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path p : (Iterable<Path>) paths::iterator) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(p);
            }
        }
    }
}
