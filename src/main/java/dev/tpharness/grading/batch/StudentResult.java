package dev.tpharness.grading.batch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.tpharness.grading.report.GradeReport;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What grading one repository gave, as written to its {@code result.json}: the unit that local
 * class grading and the CI matrix's jobs produce and that the class report is merged from.
 *
 * @param format    {@value #FORMAT}; a file of another format is refused
 * @param verdict   PASS, WARN (requirements met, advice not followed), FAIL, NOT RUN (something could
 *                  not run here, no FAIL) or ERROR (the repository could not be graded: {@code error} says why)
 * @param exitCode  what {@code grade.sh} exits with for this repository alone (0, 1, 3)
 * @param target    what was graded (folder, or clone of the URL)
 * @param seconds   wall clock of the whole grading, clone included
 * @param assignment the name of the assignment graded ({@code ""} in files written before it was recorded)
 * @param title     that assignment's title
 * @param grader    the grader that wrote it, e.g. {@code tp-harness 0.1.0 (3f2a...)} ({@code ""} in files written
 *                  before it was recorded): with each exercise's commit, what makes two gradings comparable
 */
public record StudentResult(int format, String name, String source, String target, String gradedAt, double seconds, boolean strict,
        String verdict, String headline, int exitCode, String error, List<Exercise> exercises, List<Check> checks, String assignment,
        String title, String grader) {

    public static final int FORMAT = 1;
    public static final String ERROR = "ERROR";

    /** One exercise's counts; {@code gradedOn} e.g. {@code branch origin/ej3}. */
    public record Exercise(String exercise, String gradedOn, String verdict, long requiredPassed, long requiredFailed, long requiredTotal,
            long advicePassed, long adviceWarned, long adviceTotal, long notRun, double seconds) {
    }

    /** One check: tier REQUIRED or ADVISORY; verdict PASS, FAIL, WARN, NOT RUN; reason empty on PASS. */
    public record Check(String exercise, String name, String tier, String source, String verdict, String reason, double seconds) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

    public StudentResult {
        exercises = exercises == null ? List.of() : List.copyOf(exercises);
        checks = checks == null ? List.of() : List.copyOf(checks);
        assignment = assignment == null ? "" : assignment;
        title = title == null ? "" : title;
        grader = grader == null ? "" : grader;
    }

    /** The same result, saying which assignment it grades. */
    public StudentResult forAssignment(String assignmentName, String assignmentTitle) {
        return new StudentResult(format, name, source, target, gradedAt, seconds, strict, verdict, headline, exitCode, error, exercises,
                checks, assignmentName, assignmentTitle, grader);
    }

    /** The result of a run that produced a report. */
    public static StudentResult of(Student student, String target, Instant started, Duration took, GradeReport report,
            Map<String, String> gradedOn) {
        List<Exercise> exercises = report.exercises().stream().map(e -> new Exercise(e.exercise(), gradedOn.getOrDefault(e.exercise(), ""),
                e.verdict(), e.requiredPassed(), e.requiredFailed(), e.requiredTotal(), e.advicePassed(), e.adviceWarned(), e.adviceTotal(),
                e.notRun(), seconds(e.time()))).toList();
        List<Check> checks = report.checks().stream().sorted(java.util.Comparator.comparing(GradeReport.Check::exercise))
                .map(c -> new Check(c.exercise(), c.name(), c.tier().tier().name(), c.tier().source(), c.verdict().label(), c.reason(),
                        seconds(c.time()))).toList();
        return new StudentResult(FORMAT, student.name(), student.source(), target, started.toString(), seconds(took), report.strict(),
                report.verdictLabel(), report.headline(), report.exitCode(), null, exercises, checks, "", "", GradeReport.GRADER);
    }

    /** A repository that could not be graded at all (not found, not cloneable, the grader broke). */
    public static StudentResult error(Student student, Instant started, Duration took, boolean strict, String why) {
        return new StudentResult(FORMAT, student.name(), student.source(), "", started.toString(), seconds(took), strict, ERROR,
                "NOT GRADED: " + why, GradeReport.EXIT_FAIL, why, List.of(), List.of(), "", "", GradeReport.GRADER);
    }

    public void write(Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, JSON.writeValueAsString(this) + "\n");
        } catch (java.io.IOException | JacksonException e) {
            throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@code result.json}; the message names the file and what is wrong with it. */
    public static StudentResult read(Path file) {
        StudentResult r;
        try {
            r = JSON.readValue(Files.readString(file), StudentResult.class);
        } catch (java.io.IOException | JacksonException e) {
            throw new IllegalArgumentException(file + " is not a grading result (result.json): " + (e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
        if (r == null || r.format() != FORMAT || r.name() == null || r.verdict() == null) {
            throw new IllegalArgumentException(file + " is not a grading result of format " + FORMAT + " (format "
                    + (r == null ? "none" : r.format()) + ", name " + (r == null ? null : r.name()) + ")");
        }
        return r;
    }

    static String toJson(Object value) {
        return JSON.writeValueAsString(value);
    }

    private static double seconds(Duration d) {
        return Math.round(d.toMillis() / 100.0) / 10.0;
    }
}
