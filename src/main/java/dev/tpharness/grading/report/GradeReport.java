package dev.tpharness.grading.report;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

import dev.tpharness.grading.report.CheckTier.Tier;

/**
 * The checks of one grading run and their renderings (console, Markdown), with the verdicts of
 * {@code grading-policy.md}: the course's requirements first (PASS / FAIL), then the advice
 * (PASS / WARN), then what could not run here.
 *
 * @param checks every check that ran (or could not)
 * @param strict whether WARN counts as FAIL ({@code --strict})
 */
public record GradeReport(List<Check> checks, boolean strict) {

    /**
     * This grader: {@code tp-harness <version>}, the version from its jar's manifest ({@code development
     * build} when run from classes), and the commit it was built from when {@code grade.sh} says it
     * ({@value #GRADER_COMMIT_PROPERTY}).
     */
    public static final String GRADER = graderVersion();
    /** System property: the grader's own commit ({@code git describe --always --dirty}), set by {@code grade.sh}. */
    public static final String GRADER_COMMIT_PROPERTY = "tp.grader.commit";

    private static String graderVersion() {
        String version = java.util.Optional.ofNullable(GradeReport.class.getPackage().getImplementationVersion()).orElse("development build");
        String commit = System.getProperty(GRADER_COMMIT_PROPERTY, "").strip();
        return "tp-harness " + version + (commit.isEmpty() ? "" : " (" + commit + ")");
    }

    public GradeReport(List<Check> checks) {
        this(checks, false);
    }

    public enum Verdict {
        PASS, FAIL, WARN, NOT_RUN;

        public String label() {
            return this == NOT_RUN ? "NOT RUN" : name();
        }
    }

    /** Exit codes of a grading run. */
    public static final int EXIT_PASS = 0;
    public static final int EXIT_FAIL = 1;
    public static final int EXIT_WRONG_USE = 2;
    public static final int EXIT_INCOMPLETE = 3;

    /**
     * One check; {@code started} orders checks in time (they overlap when suites run in parallel).
     *
     * @param tier   REQUIRED or ADVISORY, with its source or reason
     * @param reason the whole failure (or NOT RUN) message on one line; empty on PASS
     */
    public record Check(String exercise, String name, CheckTier tier, Verdict verdict, String reason, Duration time, Instant started) {

        public Check(String exercise, String name, Verdict verdict, String reason, Duration time) {
            this(exercise, name, CheckTier.UNDECLARED, verdict, reason, time, Instant.EPOCH);
        }

        Instant ended() {
            return started.plus(time);
        }

        public boolean required() {
            return tier.tier() == Tier.REQUIRED;
        }
    }

    /** Whether a FAIL (or, with {@link #strict}, a WARN) is among the checks. */
    public boolean failed() {
        return checks.stream().anyMatch(c -> c.verdict() == Verdict.FAIL || (strict && c.verdict() == Verdict.WARN));
    }

    /** 0 no FAIL; 1 a FAIL (or a WARN with {@code --strict}); 3 something NOT RUN and no FAIL; 3 also when no check ran. */
    public int exitCode() {
        if (failed()) {
            return EXIT_FAIL;
        }
        if (checks.isEmpty() || count(c -> c.verdict() == Verdict.NOT_RUN) > 0) {
            return EXIT_INCOMPLETE;
        }
        return EXIT_PASS;
    }

    /** Kept for callers that only want "everything passed". */
    public boolean allPassed() {
        return !checks.isEmpty() && checks.stream().allMatch(c -> c.verdict() == Verdict.PASS);
    }

    /** The one-line result, e.g. {@code COURSE REQUIREMENTS MET (2 WARN: see the advice)}. */
    public String headline() {
        long fail = count(c -> c.verdict() == Verdict.FAIL);
        long warn = count(c -> c.verdict() == Verdict.WARN);
        long notRun = count(c -> c.verdict() == Verdict.NOT_RUN);
        StringBuilder h = new StringBuilder();
        if (fail > 0) {
            h.append("COURSE REQUIREMENTS NOT MET: ").append(fail).append(" FAIL");
        } else if (strict && warn > 0) {
            h.append("STRICT: NOT MET: ").append(warn).append(" WARN (--strict counts advice as required)");
        } else if (checks.isEmpty()) {
            h.append("INCOMPLETE: no check ran");
        } else if (notRun > 0) {
            h.append("INCOMPLETE: ").append(notRun).append(" NOT RUN here, no FAIL in what ran");
        } else {
            h.append("COURSE REQUIREMENTS MET");
        }
        if (!(strict && warn > 0 && fail == 0)) {
            h.append(warn > 0 ? " (" + warn + " WARN: see the advice)" : fail == 0 && notRun == 0 && !checks.isEmpty() ? ", all advice followed" : "");
        }
        return h.toString();
    }

    private long count(Predicate<Check> p) {
        return checks.stream().filter(p).count();
    }

    /**
     * One exercise of a report, for the class report.
     *
     * @param verdict {@link #verdictLabel()} of the exercise's own checks
     * @param time    wall clock from its first check's start to its last check's end
     */
    public record ExerciseSummary(String exercise, String verdict, long requiredPassed, long requiredFailed, long requiredTotal,
            long advicePassed, long adviceWarned, long adviceTotal, long notRun, Duration time) {
    }

    /** Per exercise, in exercise order. */
    public List<ExerciseSummary> exercises() {
        List<ExerciseSummary> out = new java.util.ArrayList<>();
        summary().forEach((ex, s) -> {
            GradeReport own = new GradeReport(checks.stream().filter(c -> c.exercise().equals(ex)).toList(), strict);
            out.add(new ExerciseSummary(ex, own.verdictLabel(), s[0], own.count(c -> c.required() && c.verdict() == Verdict.FAIL), s[1],
                    s[2], own.count(c -> c.verdict() == Verdict.WARN), s[3], s[4], Duration.ofMillis(s[5])));
        });
        return out;
    }

    /** One word: FAIL (the exit code says 1), NOT RUN (3), WARN (passed, with advice not followed) or PASS. */
    public String verdictLabel() {
        return switch (exitCode()) {
            case EXIT_FAIL -> Verdict.FAIL.label();
            case EXIT_INCOMPLETE -> Verdict.NOT_RUN.label();
            default -> count(c -> c.verdict() == Verdict.WARN) > 0 ? Verdict.WARN.label() : Verdict.PASS.label();
        };
    }

    /** Per exercise: required passed/total, advice passed/total, not run, wall-clock time in ms. */
    Map<String, long[]> summary() {
        Map<String, long[]> byExercise = new LinkedHashMap<>();
        Map<String, Instant[]> span = new LinkedHashMap<>();
        sorted().forEach(c -> {
            long[] s = byExercise.computeIfAbsent(c.exercise(), k -> new long[6]);
            if (c.verdict() == Verdict.NOT_RUN) {
                s[4]++;
            } else if (c.required()) {
                s[0] += c.verdict() == Verdict.PASS ? 1 : 0;
                s[1]++;
            } else {
                s[2] += c.verdict() == Verdict.PASS ? 1 : 0;
                s[3]++;
            }
            Instant[] se = span.computeIfAbsent(c.exercise(), k -> new Instant[] {c.started(), c.ended()});
            se[0] = c.started().isBefore(se[0]) ? c.started() : se[0];
            se[1] = c.ended().isAfter(se[1]) ? c.ended() : se[1];
            s[5] = Duration.between(se[0], se[1]).toMillis();
        });
        return byExercise;
    }

    public String toMarkdown(String title, String target) {
        return toMarkdown(title, target, Map.of());
    }

    /**
     * @param title    the report's title, e.g. the assignment's ({@code report} is added)
     * @param gradedOn per exercise, what was graded (e.g. {@code branch origin/ej3})
     */
    public String toMarkdown(String title, String target, Map<String, String> gradedOn) {
        StringBuilder md = new StringBuilder("# ").append(title.isBlank() ? "Grading" : title.strip()).append(" report\n\n");
        if (!target.isBlank()) {
            md.append("Target: ").append(target).append("\n\n");
        }
        md.append("Grader: ").append(GRADER).append("\n\n");
        md.append("Result: **").append(headline()).append("** (exit code ").append(exitCode()).append(")\n\n");
        md.append("REQUIRED checks are what the course asks: a FAIL counts against the grade. ADVISORY checks go beyond the course")
                .append(" (robustness, exactness): a WARN is advice and counts only with `--strict`. NOT RUN: the check could not run")
                .append(" on this machine for a reason outside the solution; the reason says what to do.\n\n");
        md.append("| exercise | graded on | required passed | advice passed | not run | time (wall clock) |\n| --- | --- | --- | --- | --- | --- |\n");
        summary().forEach((ex, s) -> md.append("| ").append(ex).append(" | ").append(cell(gradedOn.getOrDefault(ex, "-"))).append(" | ")
                .append(s[0]).append('/').append(s[1]).append(" | ").append(s[2]).append('/').append(s[3]).append(" | ").append(s[4])
                .append(" | ").append(String.format(Locale.ROOT, "%.1f s", s[5] / 1000.0)).append(" |\n"));
        md.append("\n## Required: the course's requirements\n\n| exercise | check | verdict | source | reason |\n| --- | --- | --- | --- | --- |\n");
        sorted().filter(c -> c.required() && c.verdict() != Verdict.NOT_RUN).forEach(c -> md.append(row(c)));
        md.append("\n## Advice: beyond the course (WARN counts only with --strict)\n\n| exercise | check | verdict | why it matters | reason |\n")
                .append("| --- | --- | --- | --- | --- |\n");
        sorted().filter(c -> !c.required() && c.verdict() != Verdict.NOT_RUN).forEach(c -> md.append(row(c)));
        List<Check> notRun = sorted().filter(c -> c.verdict() == Verdict.NOT_RUN).toList();
        if (!notRun.isEmpty()) {
            md.append("\n## Not run here\n\n| exercise | check | tier | source or why it matters | reason |\n| --- | --- | --- | --- | --- |\n");
            notRun.forEach(c -> md.append("| ").append(c.exercise()).append(" | ").append(cell(c.name())).append(" | ").append(c.tier().tier())
                    .append(" | ").append(cell(c.tier().source())).append(" | ").append(cell(c.reason())).append(" |\n"));
        }
        return md.toString();
    }

    private static String row(Check c) {
        return "| " + c.exercise() + " | " + cell(c.name()) + " | " + c.verdict().label() + " | " + cell(c.tier().source()) + " | "
                + cell(c.reason()) + " |\n";
    }

    public String toConsoleTable() {
        StringBuilder t = new StringBuilder();
        t.append("== REQUIRED: what the course asks (a FAIL counts against the grade)\n");
        sorted().filter(c -> c.required() && c.verdict() != Verdict.NOT_RUN).forEach(c -> consoleRow(t, c, "source"));
        t.append("== ADVICE: beyond the course (a WARN counts only with --strict)\n");
        sorted().filter(c -> !c.required() && c.verdict() != Verdict.NOT_RUN).forEach(c -> consoleRow(t, c, "why"));
        List<Check> notRun = sorted().filter(c -> c.verdict() == Verdict.NOT_RUN).toList();
        if (!notRun.isEmpty()) {
            t.append("== NOT RUN here (a reason outside the solution)\n");
            notRun.forEach(c -> consoleRow(t, c, c.required() ? "source" : "why"));
        }
        summary().forEach((ex, s) -> t.append(String.format(Locale.ROOT, "%s: required %d/%d passed, advice %d/%d, not run %d, %.1f s%n",
                ex, s[0], s[1], s[2], s[3], s[4], s[5] / 1000.0)));
        t.append("RESULT: ").append(headline());
        return t.toString();
    }

    private static void consoleRow(StringBuilder t, Check c, String sourceLabel) {
        t.append(String.format(Locale.ROOT, "%-4s %-7s %s%n", c.exercise(), c.verdict().label(), clip(c.name(), 110)));
        t.append("             ").append(sourceLabel).append(": ").append(clip(c.tier().source(), 150)).append('\n');
        if (c.verdict() != Verdict.PASS && !c.reason().isEmpty()) {
            t.append("             reason: ").append(clip(c.reason(), CONSOLE_REASON)).append('\n');
        }
    }

    private java.util.stream.Stream<Check> sorted() {
        return checks.stream().sorted(Comparator.comparing(Check::exercise));
    }

    /** How much of a reason the console shows; the reports and result files keep it whole. */
    static final int CONSOLE_REASON = 300;

    static String clip(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 3) + "...";
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
