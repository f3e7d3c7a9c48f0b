package dev.tpharness.tp0.exercises.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

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
        void passes() {
        }

        @Test
        void fails() {
            throw new AssertionError("echo mismatch at offset 3\nsecond line of details");
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0} clients")
        @org.junit.jupiter.params.provider.ValueSource(ints = {2})
        void parameterized(int clients) {
        }

        @Nested
        class Shutdown {
            @Test
            void alsoPasses() {
            }
        }
    }

    static class Untagged {
        @Test
        void notAnExercise() {
        }
    }

    @TempDir
    Path dir;

    private String runWithListener(Class<?>... classes) {
        Path report = dir.resolve("report.md");
        System.setProperty("tp.report.file", report.toString());
        PrintStream original = System.out;
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
            var builder = LauncherDiscoveryRequestBuilder.request();
            for (Class<?> c : classes) {
                builder.selectors(selectClass(c));
            }
            LauncherFactory.create().execute(builder.build(), new GradeReportListener());
        } finally {
            System.setOut(original);
            System.clearProperty("tp.report.file");
        }
        return console.toString(StandardCharsets.UTF_8);
    }

    @Test
    void printsOneLinePerCheckAndWritesTheTable() throws Exception {
        String console = runWithListener(Ej7Sample.class);
        assertThat(console).contains("[ej7] PASS passes", "[ej7] FAIL fails", "- echo mismatch at offset 3 second line of details",
                "[ej7] PASS Shutdown > alsoPasses", "[ej7] PASS 2 clients (", "SOME CHECKS FAILED");
        String md = Files.readString(dir.resolve("report.md"));
        assertThat(md).contains("Result: **FAIL**", "| ej7 | - | 3/4 |", "| ej7 | fails | FAIL | echo mismatch at offset 3 second line of details |",
                "| ej7 | Shutdown > alsoPasses | PASS |  |");
    }

    @Test
    void saysNothingForTestsOfNoExercise() {
        String console = runWithListener(Untagged.class);
        assertThat(console).doesNotContain("[ej").doesNotContain("CHECKS");
        assertThat(dir.resolve("report.md")).doesNotExist();
    }

    @Test
    void allPassedOnlyWhenEveryCheckPassed() {
        var pass = new GradeReport.Check("ej1", "a", GradeReport.Verdict.PASS, "", java.time.Duration.ofMillis(1500));
        var skip = new GradeReport.Check("ej1", "b", GradeReport.Verdict.SKIPPED, "no docker", java.time.Duration.ZERO);
        assertThat(new GradeReport(java.util.List.of(pass)).allPassed()).isTrue();
        assertThat(new GradeReport(java.util.List.of(pass, skip)).allPassed()).isFalse();
        assertThat(new GradeReport(java.util.List.of()).allPassed()).isFalse();
        assertThat(new GradeReport(java.util.List.of(pass)).toMarkdown("x")).contains("| ej1 | - | 1/1 | 1.5 s |");
    }

    @Test
    void exerciseTimeIsWallClockNotTheSumOfOverlappingChecks() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        var a = new GradeReport.Check("ej4", "a", GradeReport.Verdict.PASS, "", java.time.Duration.ofSeconds(2), t0);
        var b = new GradeReport.Check("ej4", "b", GradeReport.Verdict.PASS, "", java.time.Duration.ofSeconds(2), t0.plusSeconds(1));
        assertThat(new GradeReport(java.util.List.of(a, b)).toMarkdown("")).contains("| ej4 | - | 2/2 | 3.0 s |");
    }
}
