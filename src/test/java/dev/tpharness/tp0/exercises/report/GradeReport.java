package dev.tpharness.tp0.exercises.report;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks of one grading run and their two renderings: a console table and markdown. */
public record GradeReport(List<Check> checks) {

    public enum Verdict { PASS, FAIL, SKIPPED }

    /** One check; {@code started} orders checks in time (they overlap when suites run in parallel). */
    public record Check(String exercise, String name, Verdict verdict, String reason, Duration time, java.time.Instant started) {

        public Check(String exercise, String name, Verdict verdict, String reason, Duration time) {
            this(exercise, name, verdict, reason, time, java.time.Instant.EPOCH);
        }

        java.time.Instant ended() {
            return started.plus(time);
        }
    }

    public boolean allPassed() {
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.verdict() == Verdict.PASS);
    }

    /**
     * Per exercise: checks passed, checks in all, and the wall-clock time from its first check's
     * start to its last check's end (checks run in parallel, so this is less than their sum).
     */
    Map<String, long[]> summary() {
        Map<String, long[]> byExercise = new LinkedHashMap<>();
        Map<String, java.time.Instant[]> span = new LinkedHashMap<>();
        checks.stream().sorted(java.util.Comparator.comparing(Check::exercise)).forEach(c -> {
            long[] s = byExercise.computeIfAbsent(c.exercise(), k -> new long[3]);
            s[0] += c.verdict() == Verdict.PASS ? 1 : 0;
            s[1]++;
            java.time.Instant[] se = span.computeIfAbsent(c.exercise(), k -> new java.time.Instant[] {c.started(), c.ended()});
            se[0] = c.started().isBefore(se[0]) ? c.started() : se[0];
            se[1] = c.ended().isAfter(se[1]) ? c.ended() : se[1];
            s[2] = Duration.between(se[0], se[1]).toMillis();
        });
        return byExercise;
    }

    public String toMarkdown(String target) {
        StringBuilder md = new StringBuilder("# TP0 report\n\n");
        if (!target.isBlank()) {
            md.append("Target: ").append(target).append("\n\n");
        }
        md.append(allPassed() ? "Result: **PASS**, every check passed.\n\n" : "Result: **FAIL**\n\n");
        md.append("| exercise | graded on | passed | time (wall clock) |\n| --- | --- | --- | --- |\n");
        summary().forEach((ex, s) -> md.append("| ").append(ex).append(" | ")
                .append(cell(System.getProperty("tp0.target.source." + ex, "-"))).append(" | ").append(s[0]).append('/').append(s[1])
                .append(" | ").append(String.format("%.1f s", s[2] / 1000.0)).append(" |\n"));
        md.append("\n| exercise | check | verdict | reason |\n| --- | --- | --- | --- |\n");
        sorted().forEach(c -> md.append("| ").append(c.exercise()).append(" | ").append(cell(c.name())).append(" | ")
                .append(c.verdict()).append(" | ").append(cell(c.reason())).append(" |\n"));
        return md.toString();
    }

    public String toConsoleTable() {
        int w = Math.max(5, checks.stream().mapToInt(c -> c.name().length()).max().orElse(5));
        w = Math.min(w, 70);
        StringBuilder t = new StringBuilder();
        String fmt = "%-8s  %-" + w + "s  %-7s  %s%n";
        t.append(String.format(fmt, "exercise", "check", "verdict", "reason"));
        sorted().forEach(c -> t.append(String.format(fmt, c.exercise(), clip(c.name(), 70), c.verdict(), c.reason())));
        summary().forEach((ex, s) -> t.append(String.format("%s: %d/%d passed, %.1f s%n", ex, s[0], s[1], s[2] / 1000.0)));
        t.append(allPassed() ? "ALL CHECKS PASSED" : "SOME CHECKS FAILED");
        return t.toString();
    }

    private List<Check> sorted() {
        return checks.stream().sorted(java.util.Comparator.comparing(Check::exercise)).toList();
    }

    private static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
