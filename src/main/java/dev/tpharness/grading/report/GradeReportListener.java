package dev.tpharness.grading.report;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.TestTag;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Progress and the final table of an assignment's exercise suites: one console line per check as
 * it ends, then {@code target/grading-report.md} (exercise, check, verdict, one-line reason, time
 * per exercise). Registered through {@code META-INF/services} for test runs, and given explicitly
 * by the grader. A check's exercise is the tag it carries (or its class) among the exercise names
 * of the run ({@link #EXERCISES}, else those of every {@link dev.tpharness.grading.Assignment} on the
 * class path); tests without one are not reported.
 */
public final class GradeReportListener implements TestExecutionListener {

    /** Where the markdown report goes (default {@code target/grading-report.md}). */
    public static final String REPORT_FILE = "tp.report.file";
    /** The exercise names of the run, comma separated (default: every assignment's on the class path). */
    public static final String EXERCISES = "tp.report.exercises";
    /** The report's title (default: the title of the one assignment whose exercises the checks belong to). */
    public static final String TITLE = "tp.report.title";
    /** Report entry, published by an assignment's suites: what is graded, for the report's first line. */
    public static final String DESCRIPTION_ENTRY = "tp.graded.description";
    /** Report entry prefix, plus the exercise: what that exercise was graded on, e.g. {@code branch origin/ej3}. */
    public static final String SOURCE_ENTRY_PREFIX = "tp.graded.source.";
    /** A prefix for the progress lines, e.g. the name of the graded fixture. */
    public static final String REPORT_LABEL = "tp.report.label";
    /** Where the run's exit code goes, one number (default {@code target/grading-exit-code}); {@code grade.sh} exits with it. */
    public static final String EXIT_CODE_FILE = "tp.report.exitCodeFile";
    /** {@code true}: a WARN counts as a FAIL ({@code grade.sh --strict}); {@code tp0.strict} is read too, its older name. */
    public static final String STRICT = "tp.report.strict";
    private static final String STRICT_OLD_NAME = "tp0.strict";
    /**
     * What goes to the console: {@code checks} (default) a line per check as it ends and the final
     * table; {@code exercises} a line per exercise as it ends (class grading, where the class report
     * follows); {@code none}.
     */
    public static final String CONSOLE = "tp.report.console";

    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final Map<String, String> entries = new ConcurrentHashMap<>();
    private final List<GradeReport.Check> checks = java.util.Collections.synchronizedList(new ArrayList<>());
    private final PrintStream console;
    private TestPlan plan;
    private String reportFile = "target/grading-report.md";
    private String exitCodeFile = "target/grading-exit-code";
    private java.util.Set<String> exercises = java.util.Set.of();
    private String title = "";
    private String label = "";
    private boolean strict;
    private String consoleMode = "checks";
    private volatile GradeReport finished;

    /** Prints to {@code System.out} (the service-loaded listener of a Maven run). */
    public GradeReportListener() {
        this(System.out);
    }

    /** Prints its progress lines and table to {@code console}. */
    public GradeReportListener(PrintStream console) {
        this.console = console;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
        // configuration parameters fall back to system properties: -Dtp.report.file works too
        reportFile = testPlan.getConfigurationParameters().get(REPORT_FILE).orElse(reportFile);
        label = testPlan.getConfigurationParameters().get(REPORT_LABEL).map(l -> l + " ").orElse("");
        exitCodeFile = testPlan.getConfigurationParameters().get(EXIT_CODE_FILE).orElse(exitCodeFile);
        strict = testPlan.getConfigurationParameters().getBoolean(STRICT)
                .or(() -> testPlan.getConfigurationParameters().getBoolean(STRICT_OLD_NAME)).orElse(false);
        title = testPlan.getConfigurationParameters().get(TITLE).map(String::strip).orElse("");
        exercises = testPlan.getConfigurationParameters().get(EXERCISES)
                .map(list -> java.util.Set.copyOf(java.util.Arrays.stream(list.split(",")).map(String::strip).filter(e -> !e.isEmpty()).toList()))
                .orElseGet(GradeReportListener::everyAssignmentsExercises);
        consoleMode = testPlan.getConfigurationParameters().get(CONSOLE).map(String::strip).orElse(consoleMode);
        if (!List.of("checks", "exercises", "none").contains(consoleMode)) {
            throw new IllegalArgumentException(CONSOLE + "=" + consoleMode + ": use checks, exercises or none");
        }
    }

    /** The report of the finished run (empty before the run ended, or when no check ran). */
    public Optional<GradeReport> report() {
        return Optional.ofNullable(finished);
    }

    /** What the suites published: what was graded, per exercise ({@link #SOURCE_ENTRY_PREFIX}). */
    public Map<String, String> gradedOn() {
        Map<String, String> gradedOn = new java.util.TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith(SOURCE_ENTRY_PREFIX)) {
                gradedOn.put(k.substring(SOURCE_ENTRY_PREFIX.length()), v);
            }
        });
        return gradedOn;
    }

    private static java.util.Set<String> everyAssignmentsExercises() {
        java.util.Set<String> names = new java.util.HashSet<>();
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        dev.tpharness.grading.Assignments.all(loader != null ? loader : GradeReportListener.class.getClassLoader()).values()
                .forEach(a -> names.addAll(a.exerciseNames()));
        return names;
    }

    /** The report's title: the run's, else the one assignment's whose exercises were graded, else a neutral one. */
    private String title() {
        if (!title.isEmpty()) {
            return title;
        }
        java.util.Set<String> graded = new java.util.TreeSet<>();
        synchronized (checks) {
            checks.forEach(c -> graded.add(c.exercise()));
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        java.util.Set<String> owners = new java.util.HashSet<>();
        for (String e : graded) {
            dev.tpharness.grading.Assignments.owning(e, loader != null ? loader : GradeReportListener.class.getClassLoader())
                    .ifPresent(a -> owners.add(a.title()));
        }
        return owners.size() == 1 ? owners.iterator().next() : "Grading";
    }

    /** What the grading extension published about the target (what is graded, per exercise). */
    @Override
    public void reportingEntryPublished(TestIdentifier id, org.junit.platform.engine.reporting.ReportEntry entry) {
        entries.putAll(entry.getKeyValuePairs());
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        exercise(id).filter(e -> id.isTest()).ifPresent(ex -> record(new GradeReport.Check(ex, checkName(id), CheckTier.of(id),
                GradeReport.Verdict.NOT_RUN, oneLine(reason), Duration.ZERO, java.time.Instant.now())));
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long t0 = started.remove(id.getUniqueId());
        Duration took = t0 == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - t0);
        Optional<String> exercise = exercise(id);
        if (exercise.isEmpty()) {
            return;
        }
        if (consoleMode.equals("exercises") && id.isContainer() && plan.getParent(id).flatMap(p -> p.getParentId()).isEmpty()) {
            exerciseDone(exercise.get());
        }
        if (id.isTest() || result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
            // a failing container (e.g. @BeforeAll) is a check of its own: its tests never ran
            CheckTier tier = CheckTier.of(id);
            GradeReport.Verdict verdict = tier.verdict(result);
            String reason = result.getThrowable().map(t -> oneLine(t.getMessage() == null ? t.toString() : t.getMessage())).orElse("");
            record(new GradeReport.Check(exercise.get(), checkName(id) + (id.isTest() ? "" : " (set-up)"), tier, verdict, reason, took,
                    java.time.Instant.now().minus(took)));
        }
    }

    @Override
    public void testPlanExecutionFinished(TestPlan testPlan) {
        if (checks.isEmpty()) {
            return;
        }
        GradeReport report = new GradeReport(List.copyOf(checks), strict);
        finished = report;
        if (consoleMode.equals("checks")) {
            console.println();
            console.println(report.toConsoleTable());
        }
        Path out = Path.of(reportFile);
        Path exit = Path.of(exitCodeFile);
        Map<String, String> gradedOn = gradedOn();
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
            Files.writeString(out, report.toMarkdown(title(), entries.getOrDefault(DESCRIPTION_ENTRY, ""), gradedOn), StandardCharsets.UTF_8);
            Files.createDirectories(exit.toAbsolutePath().getParent());
            Files.writeString(exit, report.exitCode() + "\n", StandardCharsets.UTF_8);
            if (consoleMode.equals("checks")) {
                console.println("Report: " + out.toAbsolutePath() + " (exit code " + report.exitCode() + ")");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + out, e);
        }
    }

    /** The progress line of one finished exercise, e.g. {@code [alice] ej2: WARN - required 6/6, advice 4/5 (31.0 s)}. */
    private void exerciseDone(String exercise) {
        List<GradeReport.Check> own;
        synchronized (checks) {
            own = checks.stream().filter(c -> c.exercise().equals(exercise)).toList();
        }
        new GradeReport(own, strict).exercises().forEach(s -> {
            console.printf(java.util.Locale.ROOT, "%s%s: %s - required %d/%d, advice %d/%d%s (%.1f s)%n", label, exercise, s.verdict(),
                    s.requiredPassed(), s.requiredTotal(), s.advicePassed(), s.adviceTotal(), s.notRun() > 0 ? ", " + s.notRun() + " not run" : "",
                    s.time().toMillis() / 1000.0);
            console.flush();
        });
    }

    private void record(GradeReport.Check check) {
        checks.add(check);
        if (!consoleMode.equals("checks")) {
            return;
        }
        console.printf("%s[%s] %-7s %-8s %s (%.1f s)%s%n", label, check.exercise(), check.verdict().label(), check.tier().tier(), check.name(),
                check.time().toMillis() / 1000.0, check.reason().isEmpty() ? "" : " - " + GradeReport.clip(check.reason(), GradeReport.CONSOLE_REASON));
        console.flush();
    }

    private Optional<String> exercise(TestIdentifier id) {
        for (TestIdentifier cur = id; cur != null; cur = plan == null ? null : plan.getParent(cur).orElse(null)) {
            for (TestTag tag : cur.getTags()) {
                if (exercises.contains(tag.getName())) {
                    return Optional.of(tag.getName());
                }
            }
        }
        return Optional.empty();
    }

    /** "Class > Nested > test" without the exercise class's own name when it only repeats the tag. */
    private String checkName(TestIdentifier id) {
        List<String> parts = new ArrayList<>();
        for (TestIdentifier cur = id; cur != null && plan != null; cur = plan.getParent(cur).orElse(null)) {
            if (cur.getSource().isEmpty() || cur.getParentId().isEmpty()) {
                break;
            }
            parts.add(0, cur.getDisplayName().replaceFirst("\\(\\)$", ""));
        }
        if (parts.size() > 1 && repeatsAnExercise(parts.get(0).replaceFirst(".*\\$", ""))) {
            parts.remove(0); // the suite class only repeats the exercise tag
        }
        if (parts.size() > 1 && parts.get(parts.size() - 2).matches("\\w+\\(.*\\)")) {
            parts.remove(parts.size() - 2); // a parameterized method's signature: its invocations have names of their own
        }
        return String.join(" > ", parts);
    }

    /** Whether a suite's class name only repeats an exercise name ({@code Ej1Checks} for {@code ej1}). */
    private boolean repeatsAnExercise(String className) {
        String lower = className.toLowerCase(java.util.Locale.ROOT);
        return exercises.stream().anyMatch(e -> lower.startsWith(e.replaceAll("[-_]", "")));
    }

    /**
     * A failure message on one line, whole (AssertJ puts its description on a line of its own); only
     * the console shortens it.
     */
    static String oneLine(String s) {
        if (s == null) {
            return "";
        }
        return String.join(" ", s.strip().lines().map(String::strip).filter(l -> !l.isEmpty()).toList()).replaceAll("\\s+", " ");
    }
}
