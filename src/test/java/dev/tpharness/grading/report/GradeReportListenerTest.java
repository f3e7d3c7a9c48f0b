package dev.tpharness.grading.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tpharness.grading.report.CheckTier.Tier;
import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.NotRunHere;
import dev.tpharness.grading.Required;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

class GradeReportListenerTest {

    /** Sample suite, only run through the launcher below (surefire skips nested classes). */
    @Tag("ej7")
    static class Ej7Sample {
        @Test
        @Required("statement ex. 7")
        void passes() {
        }

        @Test
        @Required("course test_ej7")
        void fails() {
            throw new AssertionError("echo mismatch at offset 3\nsecond line of details");
        }

        @Test
        @Advisory("exactness matters")
        void advice() {
            throw new AssertionError("stdout has a banner");
        }

        @Test
        @Required("course test_ej7: the generator")
        void cannotRunHere() {
            throw new NotRunHere("generar-compose.sh needs the program 'go' on the host", "install go");
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0} clients")
        @org.junit.jupiter.params.provider.ValueSource(ints = {2})
        @Required("statement ex. 7: clients")
        void parameterized(int clients) {
        }

        @Nested
        class Shutdown {
            @Test
            @Advisory("graceful")
            void alsoPasses() {
            }
        }
    }

    @Tag("ej8")
    static class Ej8OnlyAdvice {
        @Test
        @Required("statement ex. 8")
        void passes() {
        }

        @Test
        @Advisory("why")
        void warns() {
            throw new AssertionError("not exact");
        }
    }

    @Tag("ej9")
    static class Ej9LongReason {
        static final String TAIL = "the last line of the server's log, which names the real cause";

        @Test
        @Required("statement ex. 9")
        void failsAtLength() {
            throw new AssertionError("expected the shutdown line\n" + "x".repeat(600) + "\nline three\nline four\nline five\n" + TAIL);
        }
    }

    static class Untagged {
        @Test
        void notAnExercise() {
        }
    }

    @TempDir
    Path dir;

    private String runWithListener(boolean strict, Class<?>... classes) {
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            var builder = LauncherDiscoveryRequestBuilder.request()
                    .configurationParameter(GradeReportListener.REPORT_FILE, dir.resolve("report.md").toString())
                    .configurationParameter(GradeReportListener.EXIT_CODE_FILE, dir.resolve("exit-code").toString())
                    .configurationParameter(GradeReportListener.STRICT, Boolean.toString(strict))
                    // exercises of no assignment on the class path: the listener reports what the run names
                    .configurationParameter(GradeReportListener.EXERCISES, "ej7,ej8,ej9");
            for (Class<?> c : classes) {
                builder.selectors(selectClass(c));
            }
            LauncherFactory.create().execute(builder.build(), new GradeReportListener());
        } finally {
            System.setOut(original);
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneLinePerCheckWithVerdictAndTierAndWritesTheTables() throws Exception {
        String console = runWithListener(false, Ej7Sample.class);
        assertThat(console).contains("[ej7] PASS    REQUIRED passes", "[ej7] FAIL    REQUIRED fails",
                "- echo mismatch at offset 3 second line of details", "[ej7] WARN    ADVISORY advice",
                "[ej7] NOT RUN REQUIRED cannotRunHere", "[ej7] PASS    ADVISORY Shutdown > alsoPasses", "[ej7] PASS    REQUIRED 2 clients (",
                "== REQUIRED", "== ADVICE", "== NOT RUN here", "source: course test_ej7", "why: exactness matters",
                "ej7: required 2/3 passed, advice 1/2, not run 1", "RESULT: COURSE REQUIREMENTS NOT MET: 1 FAIL (1 WARN: see the advice)");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("Result: **COURSE REQUIREMENTS NOT MET: 1 FAIL (1 WARN: see the advice)** (exit code 1)",
                "| ej7 | - | 2/3 | 1/2 | 1 |",
                "| ej7 | fails | FAIL | course test_ej7 | echo mismatch at offset 3 second line of details |",
                "| ej7 | advice | WARN | exactness matters | stdout has a banner |",
                "| ej7 | Shutdown > alsoPasses | PASS | graceful |  |",
                "## Not run here", "| ej7 | cannotRunHere | REQUIRED | course test_ej7: the generator | NOT RUN here: generar-compose.sh needs the program 'go' on the host; to run it: install go |");
        assertThat(md.indexOf("## Required")).isLessThan(md.indexOf("## Advice"));
        assertThat(Files.readString(dir.resolve("exit-code")).strip()).isEqualTo("1");
    }

    @Test
    void theReportKeepsAReasonWholeAndOnlyTheConsoleShortensIt() throws Exception {
        String console = runWithListener(false, Ej9LongReason.class);
        assertThat(console).contains("[ej9] FAIL    REQUIRED failsAtLength (", "s) - expected the shutdown line xxx", "xxx...").doesNotContain(Ej9LongReason.TAIL);
        assertThat(Files.readString(dir.resolve("report.md"))).contains("line three line four line five " + Ej9LongReason.TAIL + " |");
    }

    @Test
    void aWarnAloneMeetsTheCourseButNotStrictMode() throws Exception {
        assertThat(runWithListener(false, Ej8OnlyAdvice.class)).contains("RESULT: COURSE REQUIREMENTS MET (1 WARN: see the advice)");
        assertThat(Files.readString(dir.resolve("exit-code")).strip()).isEqualTo("0");
        assertThat(runWithListener(true, Ej8OnlyAdvice.class)).contains("RESULT: STRICT: NOT MET: 1 WARN");
        assertThat(Files.readString(dir.resolve("exit-code")).strip()).isEqualTo("1");
    }

    @Test
    void saysNothingForTestsOfNoExercise() {
        String console = runWithListener(false, Untagged.class);
        assertThat(console).doesNotContain("[ej").doesNotContain("RESULT");
        assertThat(dir.resolve("report.md")).doesNotExist();
    }

    @Test
    void exitCodesFollowThePolicy() {
        CheckTier required = new CheckTier(Tier.REQUIRED, "s");
        CheckTier advisory = new CheckTier(Tier.ADVISORY, "w");
        var pass = check(required, GradeReport.Verdict.PASS);
        var warn = check(advisory, GradeReport.Verdict.WARN);
        var notRun = check(required, GradeReport.Verdict.NOT_RUN);
        var fail = check(required, GradeReport.Verdict.FAIL);
        assertThat(new GradeReport(List.of(pass, warn)).exitCode()).isEqualTo(0);
        assertThat(new GradeReport(List.of(pass, warn), true).exitCode()).isEqualTo(1);
        assertThat(new GradeReport(List.of(pass, notRun)).exitCode()).isEqualTo(3);
        assertThat(new GradeReport(List.of(pass, notRun, fail)).exitCode()).isEqualTo(1);
        assertThat(new GradeReport(List.of()).exitCode()).isEqualTo(3);
        assertThat(new GradeReport(List.of(pass)).headline()).isEqualTo("COURSE REQUIREMENTS MET, all advice followed");
        assertThat(new GradeReport(List.of(pass, notRun)).headline()).isEqualTo("INCOMPLETE: 1 NOT RUN here, no FAIL in what ran");
    }

    @Test
    void exerciseTimeIsWallClockNotTheSumOfOverlappingChecks() {
        Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
        CheckTier required = new CheckTier(Tier.REQUIRED, "s");
        var a = new GradeReport.Check("ej4", "a", required, GradeReport.Verdict.PASS, "", Duration.ofSeconds(2), t0);
        var b = new GradeReport.Check("ej4", "b", required, GradeReport.Verdict.PASS, "", Duration.ofSeconds(2), t0.plusSeconds(1));
        assertThat(new GradeReport(List.of(a, b)).toMarkdown("TP0 part 1", "")).contains("| ej4 | - | 2/2 | 0/0 | 0 | 3.0 s |", "Grader: tp-harness development build\n");
    }

    private static GradeReport.Check check(CheckTier tier, GradeReport.Verdict verdict) {
        return new GradeReport.Check("ej1", verdict.name(), tier, verdict, "", Duration.ofMillis(100), Instant.EPOCH);
    }
}
