package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.tpharness.grading.GradeMain;
import dev.tpharness.grading.batch.ClassReport;
import dev.tpharness.grading.batch.StudentResult;
import dev.tpharness.grading.report.GradeReport.Verdict;
import dev.tpharness.tp0.grading.support.Tp0Images;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The exercise suites graded against the fixture TP0 repositories (BusyBox solutions): the correct
 * one passes every check, advice included; each variant modelled on a real solution gets exactly
 * the verdicts that {@code grading-policy.md} gives its pattern: an acceptable pattern passes every
 * REQUIRED check and gets the matching WARN, a real defect FAILs exactly the checks it breaks, a
 * solution that needs what this machine lacks is NOT RUN. Every check not named for a variant must
 * PASS. This is what proves each verdict of the suites in both directions.
 *
 * <p>Variants are graded two at a time ({@code -Dtp.fixtures.parallelism}) in the background as
 * soon as the first one is asked for; each parameterized case then judges its own variant. It
 * runs alone: beside the other integration tests (tried on CI) it took longer, 47.6 min instead of
 * 36.6, saved nothing in all (the machine's 2 cores are busy either way) and slowed containers
 * past the reference validator's own 7 s bound.
 */
@Tag("fixtures")
class Tp0FixtureGradingIT {

    // check names: "<exercise> <display name>", matched by prefix
    private static final Set<String> EJ1_STRUCTURE = Set.of("ej1 1 clients: exit 0", "ej1 2 clients: exit 0", "ej1 5 clients: exit 0",
            "ej1 20 clients: exit 0");
    private static final String EJ1_ZERO = "ej1 0 clients accepted";
    private static final Set<String> EJ1_WRONG_USES = Set.of("ej1 wrong use (no arguments)", "ej1 wrong use (one argument)",
            "ej1 wrong use abc", "ej1 wrong use -1", "ej1 wrong use 1.5");
    private static final String EJ1_BASE_FILE = "ej1 name tp0, images";
    private static final Set<String> EJ1_RUNS = Set.of("ej1 1 clients x 2 messages", "ej1 2 clients x 3 messages", "ej1 5 clients x 2 messages");
    private static final String EJ2_MOUNTED = "ej2 both config files are bind-mounted";
    private static final String EJ2_TAKES_EFFECT = "ej2 changed config files take effect";
    private static final String EJ2_NO_ENV = "ej2 no environment entry overrides";
    private static final String EJ3_HEALTHY = "ej3 against a healthy echo mock";
    private static final String EJ3_PREFIXING = "ej3 against a mock that prefixes";
    private static final String EJ3_NO_SERVER = "ej3 with no server on the network";
    private static final String EJ3_OWN_SERVER = "ej3 against the solution's own server";
    private static final String EJ3_NO_HOST_NC = "ej3 works with no netcat on the host";
    private static final String EJ3_NO_PORT = "ej3 the compose file publishes no server port";
    private static final String EJ3_EXACT = "ej3 stdout is exactly the status line";
    private static final String EJ3_EXIT_CODE = "ej3 exit code 0 on success";
    private static final String EJ3_OTHER_PORT = "ej3 host and port read from server/config.ini";
    private static final String EJ3_HELLO = "ej3 the server echoes hello";
    private static final Set<String> EJ3_PROBE = Set.of(EJ3_HELLO, "ej3 a UTF-8 line", "ej3 a line without a trailing newline",
            "ej3 a 64 KiB line");
    private static final String EJ3_WITHIN_60 = "ej3 every run ends within 60 s";
    private static final String EJ3_WITHIN_10 = "ej3 a verdict within 10 s";
    private static final String EJ3_UTF8 = "ej3 a UTF-8 line";
    private static final String EJ3_NO_NEWLINE = "ej3 a line without a trailing newline";
    private static final String EJ3_64K = "ej3 a 64 KiB line";
    private static final String EJ4_CLIENT = "ej4 SIGTERM to a client mid-loop";
    private static final String EJ4_SERVER_LOOPING = "ej4 SIGTERM to the server while clients loop";
    private static final String EJ4_SERVER_MID = "ej4 SIGTERM to the server mid-exchange";
    private static final String EJ4_DOWN = "ej4 down -t 10";
    private static final String EJ4_FORMAT = "ej4 shutdown lines in the";
    private static final String EJ4_FAST = "ej4 every SIGTERM handled well inside";
    private static final String EJ4_IDLE_PEER = "ej4 a peer that connects and never sends";
    private static final String EJ4_LOOP_END = "ej4 after its loop a client exits";

    /** What a variant must get; every other check must PASS. */
    record Expect(Set<String> fail, Set<String> warn, Set<String> notRun) {
        static Expect passes() {
            return new Expect(Set.of(), Set.of(), Set.of());
        }

        static Expect warns(String... checks) {
            return new Expect(Set.of(), Set.of(checks), Set.of());
        }

        Expect andWarns(String... checks) {
            return new Expect(fail, union(warn, Set.of(checks)), notRun);
        }

        static Expect fails(String... checks) {
            return new Expect(Set.of(checks), Set.of(), Set.of());
        }

        static Expect fails(Set<String> checks) {
            return new Expect(checks, Set.of(), Set.of());
        }

        Expect andFails(String... checks) {
            return new Expect(union(fail, Set.of(checks)), warn, notRun);
        }

        Verdict of(String check) {
            if (matches(fail, check)) {
                return Verdict.FAIL;
            }
            if (matches(warn, check)) {
                return Verdict.WARN;
            }
            return matches(notRun, check) ? Verdict.NOT_RUN : Verdict.PASS;
        }

        private static boolean matches(Set<String> prefixes, String check) {
            return prefixes.stream().anyMatch(check::startsWith);
        }
    }

    private static final Map<String, Expect> EXPECTED = expectations();

    private static Map<String, Expect> expectations() {
        Map<String, Expect> e = new TreeMap<>();
        e.put("correct", Expect.passes());
        // acceptable real-world patterns: every REQUIRED check passes, the matching advice warns
        e.put("server-config-at-debug", Expect.passes());
        e.put("server-reads-1024", Expect.warns(EJ3_NO_NEWLINE, EJ3_64K));
        e.put("validator-exit-0", Expect.warns(EJ3_EXIT_CODE));
        e.put("validator-extra-lines", Expect.warns(EJ3_EXACT));
        e.put("validator-status-suffix", Expect.warns(EJ3_EXACT));
        e.put("validator-grep-network", Expect.passes());
        e.put("generator-wrong-use-exit-0", Expect.warns(EJ1_WRONG_USES.toArray(String[]::new)));
        e.put("generator-accepts-negative", Expect.warns("ej1 wrong use -1"));
        e.put("generator-rejects-0-in-ej1", Expect.warns(EJ1_ZERO));
        e.put("generator-no-project-name", Expect.warns(EJ1_BASE_FILE));
        e.put("generator-cli-id-from-0", Expect.warns(EJ1_BASE_FILE));
        e.put("generator-sorted-keys", Expect.passes());
        e.put("generator-absolute-paths", Expect.passes());
        e.put("generator-python", Expect.passes());
        e.put("shutdown-lines-nonstandard", Expect.warns(EJ4_FORMAT));
        e.put("shutdown-lines-debug-only", Expect.passes());
        // (the REQUIRED stop mid-exchange has a peer that sends its line once the signal is delivered: it gets its echo, then the server exits)
        e.put("server-blocks-on-idle-peer", Expect.warns(EJ4_IDLE_PEER));
        e.put("client-slow-exit", Expect.warns(EJ4_FAST));
        // real defects: FAIL exactly the checks they break (with the advice they also miss)
        e.put("client-exits-1", Expect.fails(EJ1_RUNS).andFails(EJ4_CLIENT, EJ4_DOWN).andWarns(EJ4_LOOP_END));
        e.put("client-exit-2-on-sigterm", Expect.fails(EJ4_CLIENT, EJ4_DOWN));
        // (it keeps logging its loop's protocol lines until the SIGKILL: the format check holds)
        e.put("client-ignores-sigterm", Expect.fails(EJ4_CLIENT, EJ4_DOWN).andWarns(EJ4_FAST));
        // (its protocol lines after the signal are the exchanges it keeps serving until the SIGKILL: the format check holds)
        e.put("server-ignores-sigterm", Expect.fails(EJ4_SERVER_LOOPING, EJ4_SERVER_MID, EJ4_DOWN).andWarns(EJ4_FAST, EJ4_IDLE_PEER));
        e.put("server-never-exits", Expect.fails(EJ4_SERVER_LOOPING, EJ4_SERVER_MID, EJ4_DOWN).andWarns(EJ4_FAST, EJ4_IDLE_PEER));
        // (an idle peer is a connection being read too: the server crashes there as well)
        e.put("server-crash-mid-read", Expect.fails(EJ4_SERVER_MID).andWarns(EJ4_IDLE_PEER));
        e.put("server-port-hard-coded", Expect.fails(EJ2_TAKES_EFFECT));
        // (20 covers every message ej1 asks for, and ej4 signals it mid-loop: only ej2 varies the amount)
        e.put("client-amount-hard-coded", Expect.fails(EJ2_TAKES_EFFECT));
        // (a line with result: fail, nothing else wrong: only the run check that reads every line sees it)
        e.put("client-logs-fail-line", Expect.fails(EJ1_RUNS));
        e.put("env-overrides-config", Expect.fails(EJ2_TAKES_EFFECT).andWarns(EJ2_NO_ENV));
        e.put("config-not-mounted", Expect.fails(EJ2_MOUNTED, EJ2_TAKES_EFFECT));
        e.put("wrong-container-names", Expect.fails(EJ1_STRUCTURE).andWarns(EJ1_ZERO));
        e.put("generator-fails-for-0", Expect.fails(EJ3_OWN_SERVER).andWarns(EJ1_ZERO));
        e.put("generator-publishes-port", Expect.fails(EJ3_NO_PORT));
        e.put("validator-always-success", Expect.fails(EJ3_PREFIXING, EJ3_NO_SERVER).andWarns(EJ3_EXACT, EJ3_EXIT_CODE));
        e.put("validator-double-equals", Expect.fails(EJ3_HEALTHY, EJ3_OWN_SERVER, EJ3_NO_HOST_NC)
                .andWarns(EJ3_EXACT, EJ3_EXIT_CODE, EJ3_OTHER_PORT));
        e.put("validator-uses-host-nc", Expect.fails(EJ3_HEALTHY, EJ3_OWN_SERVER, EJ3_NO_HOST_NC)
                .andWarns(EJ3_EXACT, EJ3_EXIT_CODE, EJ3_OTHER_PORT));
        e.put("validator-retries-forever", Expect.fails(EJ3_NO_SERVER, EJ3_WITHIN_60).andWarns(EJ3_EXACT, EJ3_WITHIN_10));
        // (its validator is the correct one: against the solution's own server it says fail, exactly, with exit 1, and
        // the client exits 1 after its loop because replies differ)
        e.put("server-ascii-only", Expect.fails(EJ1_RUNS).andFails(EJ2_TAKES_EFFECT, EJ3_OWN_SERVER).andWarns(EJ3_UTF8, EJ4_LOOP_END));
        e.put("server-echo-uppercase", Expect.fails(EJ1_RUNS).andFails(EJ2_TAKES_EFFECT, EJ3_OWN_SERVER, EJ3_HELLO)
                .andWarns(EJ3_UTF8, EJ3_NO_NEWLINE, EJ3_64K, EJ4_LOOP_END));
        // (nothing after the signal: no line in the protocol format either; down -t 10 reads only exit codes)
        e.put("client-silent-exit-on-sigterm", Expect.fails(EJ4_CLIENT).andWarns(EJ4_FORMAT));
        // cannot run here: a host tool, a base image this machine cannot get
        e.put("generator-needs-go", onPath("go") ? Expect.passes() : needsTheGenerator());
        e.put("server-base-image-unavailable", obtainable("python:3.12-alpine") ? Expect.passes() : needsTheImages());
        e.put("validator-image-not-here", obtainable("busybox:1.36.1") ? Expect.passes() : needsTheValidatorsImage());
        // its build installs netcat with apk: here alpine:3.20 is a local stand-in without apk, or the index is out of reach
        e.put("validator-builds-netcat-image", alpinePackagesInstallable() ? Expect.passes() : needsTheValidatorsImage());
        // sudo docker run ...: the grader runs sudo's command as itself, so it runs where sudo does not exist (root on CI)
        e.put("generator-sudo", Expect.passes());
        return e;
    }

    /** Every check that runs {@code generar-compose.sh} is NOT RUN; the validator's mock scenarios still run. */
    private static Expect needsTheGenerator() {
        Set<String> notRun = union(EJ1_STRUCTURE, EJ1_WRONG_USES, EJ1_RUNS, EJ3_PROBE,
                Set.of(EJ1_ZERO, EJ1_BASE_FILE, EJ2_MOUNTED, EJ2_TAKES_EFFECT, EJ2_NO_ENV, EJ3_OWN_SERVER, EJ3_NO_PORT, "ej4 "));
        return new Expect(Set.of(), Set.of(), notRun);
    }

    /** Every check that starts the solution's images is NOT RUN; the file checks and the validator's mock scenarios still run. */
    private static Expect needsTheImages() {
        Set<String> notRun = union(EJ1_RUNS, EJ3_PROBE, Set.of(EJ2_TAKES_EFFECT, EJ3_OWN_SERVER, "ej4 "));
        return new Expect(Set.of(), Set.of(), notRun);
    }

    /** Every check that runs the validator is NOT RUN; the compose file and probe checks still run. */
    private static Expect needsTheValidatorsImage() {
        Set<String> notRun = Set.of(EJ3_HEALTHY, EJ3_PREFIXING, EJ3_NO_SERVER, EJ3_OWN_SERVER, EJ3_NO_HOST_NC, EJ3_WITHIN_60, EJ3_EXACT,
                EJ3_EXIT_CODE, EJ3_WITHIN_10, EJ3_OTHER_PORT);
        return new Expect(Set.of(), Set.of(), notRun);
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
        return Stream.of(sets).flatMap(Set::stream).collect(Collectors.toUnmodifiableSet());
    }

    /** Every variant, or those named in {@code -Dtp.fixtures.only=a,b} (for working on a few). */
    static List<String> variants() {
        String only = System.getProperty("tp.fixtures.only", "").strip();
        if (only.isEmpty()) {
            return Tp0FixtureRepos.variants();
        }
        List<String> chosen = List.of(only.split("\\s*,\\s*"));
        assertThat(Tp0FixtureRepos.variants()).as("-Dtp.fixtures.only names known variants").containsAll(chosen);
        return chosen;
    }

    private static final Path WORK = work();
    private static Map<String, Map<String, Graded>> graded;

    /** One check's verdict and, when it did not pass, why. */
    record Graded(Verdict verdict, String reason) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void getsExactlyTheVerdictsOfItsPattern(String variant) throws Exception {
        assertThat(EXPECTED).as("expected verdicts are declared for every fixture").containsKey(variant);
        Map<String, Graded> graded = gradeClass().get(variant);
        assertThat(graded).as("%s is in the class's results", variant).isNotNull();
        Expect expect = EXPECTED.get(variant);
        List<String> exercises = gradedExercises(variant);
        assertThat(graded.keySet().stream().map(c -> c.substring(0, c.indexOf(' '))).distinct().sorted().toList())
                .as("the exercises graded for %s", variant).isEqualTo(exercises);
        assertThat(graded.size()).as("checks graded for %s", variant).isGreaterThanOrEqualTo(exercises.size() == 4 ? 40 : 5);
        Map<String, String> wrong = new TreeMap<>();
        graded.forEach((check, g) -> {
            Verdict want = expect.of(check);
            if (g.verdict() != want) {
                wrong.put(check, "expected " + want.label() + ", got " + g.verdict().label() + (g.reason().isEmpty() ? "" : ": " + g.reason()));
            }
        });
        for (Set<String> named : List.of(expect.fail(), expect.warn(), expect.notRun())) {
            for (String prefix : named) {
                assertThat(graded.keySet()).as("%s: a check named '%s...' exists", variant, prefix).anyMatch(c -> c.startsWith(prefix));
            }
        }
        assertThat(wrong).as("%s (%s): checks whose verdict differs from its pattern", variant, Tp0FixtureRepos.whatIsWrong(variant)).isEmpty();
        String cause = NOT_RUN_NAMES.get(variant);
        if (cause != null) {
            graded.forEach((check, g) -> {
                if (g.verdict() == Verdict.NOT_RUN) {
                    assertThat(g.reason()).as("%s: the NOT RUN reason of '%s' names its cause", variant, check).contains(cause);
                }
            });
        }
    }

    /** What the NOT RUN reasons of a variant must name: the step that could not fetch, not what followed from it. */
    private static final Map<String, String> NOT_RUN_NAMES = Map.of(
            "validator-builds-netcat-image", "ran `docker build -q -t tp0-netcat-tester netcat`, which failed");

    /**
     * Grades every variant as a class, the way a teaching assistant does: one class file, one
     * {@code grade.sh --class} run (in this JVM), the class report made from the result files. The
     * verdicts come from each variant's result.json; the class report must hold a row per variant
     * and exercise with the same verdicts.
     */
    private static synchronized Map<String, Map<String, Graded>> gradeClass() throws IOException {
        if (graded != null) {
            return graded;
        }
        Path repos = Files.createDirectories(WORK.resolve("repos"));
        StringBuilder classFile = new StringBuilder("# the fixture solutions, graded as a class\n");
        for (String v : variants()) {
            Path repo = Tp0FixtureRepos.create(Files.createDirectories(repos.resolve(v)), v);
            List<String> exercises = gradedExercises(v);
            classFile.append(v).append(' ').append(repo).append(exercises.size() == 4 ? "" : " " + String.join(",", exercises)).append('\n');
        }
        Path file = Files.writeString(WORK.resolve("class.txt"), classFile.toString());
        Path out = WORK.resolve("class");
        int exit = GradeMain.run(new String[] {"--class", file.toString(), "--out", out.toString(),
                "-j", Integer.toString(Integer.getInteger("tp.fixtures.parallelism", 2)), "-D" + Tp0Images.PULL_TIMEOUT_PARAMETER + "=PT15S"},
                System.out, System.err);
        boolean defects = variants().stream().anyMatch(v -> !Tp0FixtureRepos.isAcceptable(v));
        assertThat(exit).as("the class's exit code (the defect variants fail)").isIn(defects ? new Integer[] {1, 3} : new Integer[] {0, 1, 3});
        String csv = Files.readString(out.resolve(ClassReport.CSV));
        Map<String, Map<String, Graded>> all = new TreeMap<>();
        for (String v : variants()) {
            StudentResult r = StudentResult.read(out.resolve(v).resolve("result.json"));
            assertThat(r.error()).as("%s was graded", v).isNull();
            Map<String, Graded> checks = new TreeMap<>();
            for (StudentResult.Check c : r.checks()) {
                int last = c.name().lastIndexOf(" > ");
                String leaf = last < 0 ? c.name() : c.name().substring(last + 3);
                checks.put(c.exercise() + " " + leaf, new Graded(verdictOf(c.verdict()), c.reason()));
            }
            for (StudentResult.Exercise e : r.exercises()) {
                assertThat(csv).as("the class report's row for %s %s", v, e.exercise()).contains(v + "," + e.exercise() + "," + e.verdict() + ",");
            }
            all.put(v, checks);
        }
        graded = all;
        return all;
    }

    /**
     * The exercises graded in a variant: those its change can move (the others hold the correct
     * solution's files, graded in {@code correct}), or all four with {@code -Dtp.fixtures.allExercises=true}.
     */
    private static List<String> gradedExercises(String variant) {
        return Boolean.getBoolean("tp.fixtures.allExercises") ? Tp0FixtureRepos.EXERCISE_BRANCHES : Tp0FixtureRepos.exercisesItCanChange(variant);
    }

    private static Verdict verdictOf(String label) {
        return java.util.Arrays.stream(Verdict.values()).filter(v -> v.label().equals(label)).findFirst()
                .orElseThrow(() -> new AssertionError("unknown verdict " + label));
    }

    /** Whether the image is here or can be pulled here within the bound the graded runs get. */
    private static boolean obtainable(String image) {
        if (dev.tpharness.internal.Command.of("docker", "image", "inspect", image).withTimeout(java.time.Duration.ofSeconds(30)).run()
                .exitCode() == 0) {
            return true;
        }
        var pull = dev.tpharness.internal.Command.of("docker", "pull", "-q", image).withTimeout(java.time.Duration.ofSeconds(15)).run();
        return pull.exitCode() == 0 && !pull.timedOut();
    }

    /** Whether a build FROM alpine:3.20 can {@code apk add} here: the real image (not a local stand-in) and its index reachable. */
    private static boolean alpinePackagesInstallable() {
        var label = dev.tpharness.internal.Command.of("docker", "image", "inspect", "-f", "{{index .Config.Labels \"dev.tpharness.standin\"}}",
                "alpine:3.20").withTimeout(java.time.Duration.ofSeconds(30)).run();
        if (label.exitCode() != 0 || label.stdout().strip().equals("true")) {
            return false;
        }
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("dl-cdn.alpinelinux.org", 443), 3000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!d.isEmpty() && Files.isExecutable(Path.of(d, tool))) {
                return true;
            }
        }
        return false;
    }

    private static Path work() {
        try {
            return Files.createDirectories(Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath()
                    .resolve("target/tp-harness/fixture-grading"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
