package dev.tpharness.grading.batch;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tpharness.grading.report.CheckTier;
import dev.tpharness.grading.report.GradeReport;
import dev.tpharness.grading.report.GradeReport.Verdict;

/** Results of made-up gradings for the report tests: real GradeReports, no Docker. */
final class Results {

    private Results() {
    }

    static GradeReport.Check check(String exercise, String name, boolean required, Verdict verdict, String reason) {
        return new GradeReport.Check(exercise, name, new CheckTier(required ? CheckTier.Tier.REQUIRED : CheckTier.Tier.ADVISORY,
                required ? "statement ex. " + exercise.substring(2) : "why it matters"), verdict, reason, Duration.ofMillis(1500),
                Instant.parse("2026-12-02T10:00:00Z"));
    }

    /** ej1 and ej2: required checks with the given ej2 verdict, one advisory check with the given verdict. */
    static StudentResult of(String name, Verdict requiredEj2, Verdict advisory, boolean strict) {
        GradeReport report = new GradeReport(List.of(
                check("ej1", "generar-compose.sh > 1 clients", true, Verdict.PASS, ""),
                check("ej1", "generar-compose.sh > wrong use", false, advisory, advisory == Verdict.PASS ? "" : "exits 0 on 'abc'"),
                check("ej2", "config > port", true, requiredEj2, requiredEj2 == Verdict.PASS ? "" : "the server listens on 12345, not 12346")),
                strict);
        return StudentResult.of(new Student(name, "/repos/" + name), "/repos/" + name, Instant.parse("2026-12-02T10:00:00Z"),
                Duration.ofSeconds(42), report, Map.of("ej1", "branch origin/ej1", "ej2", "working tree (no branch ej2)"));
    }
}
