package dev.tpharness.grading.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import dev.tpharness.grading.report.GradeReport;

/**
 * The report of a class: one row per student and exercise, in Markdown ({@code class-report.md}),
 * CSV ({@code class-report.csv}) and JSON ({@code class-report.json}), made from the students'
 * {@code result.json} files. Local class grading and the CI matrix's merge job both make it
 * through {@link #merge(List, Path)}, from the files the students' gradings wrote.
 *
 * @param students in name order
 */
public record ClassReport(List<StudentResult> students) {

    public static final String MARKDOWN = "class-report.md";
    public static final String CSV = "class-report.csv";
    public static final String JSON = "class-report.json";

    public ClassReport {
        students = students.stream().sorted(Comparator.comparing(StudentResult::name)).toList();
    }

    /**
     * Reads the {@code result.json} of every given folder and of its direct subfolders (or the
     * files themselves), writes the
     * three reports into {@code out} and returns the class report.
     *
     * @throws IllegalArgumentException when nothing is found, a file is not a result, or two results
     *                                  name the same student
     */
    public static ClassReport merge(List<Path> inputs, Path out) {
        List<Path> files = new ArrayList<>();
        for (Path in : inputs) {
            if (Files.isRegularFile(in)) {
                files.add(in);
            } else if (Files.isDirectory(in)) {
                // the folder's own result.json and its subfolders' (one per student, as grading or a
                // download of the CI's artifacts lays them out): never deeper, where a student's
                // evidence or work copy might hold a file of that name
                try (Stream<Path> walk = Files.walk(in, 2)) {
                    walk.filter(p -> p.getFileName().toString().equals("result.json") && Files.isRegularFile(p)).sorted().forEach(files::add);
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + in + ": " + e.getMessage(), e);
                }
            } else {
                throw new IllegalArgumentException(in + " does not exist (give folders holding result.json files, or the files)");
            }
        }
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no result.json under " + inputs + ": nothing to merge");
        }
        Map<String, Path> seen = new LinkedHashMap<>();
        List<StudentResult> results = new ArrayList<>();
        for (Path f : files) {
            StudentResult r = StudentResult.read(f);
            Path first = seen.putIfAbsent(r.name().toLowerCase(Locale.ROOT), f);
            if (first != null) {
                throw new IllegalArgumentException("two results for " + r.name() + ": " + first + " and " + f);
            }
            results.add(r);
        }
        ClassReport report = new ClassReport(results);
        report.write(out);
        return report;
    }

    public void write(Path out) {
        try {
            Files.createDirectories(out);
            Files.writeString(out.resolve(MARKDOWN), toMarkdown(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(CSV), toCsv(), StandardCharsets.UTF_8);
            Files.writeString(out.resolve(JSON), toJson() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the class report into " + out + ": " + e.getMessage(), e);
        }
    }

    /**
     * The class's exit code: 1 when a student's REQUIRED check failed or a repository could not be
     * graded, else 3 when something could not run here, else 0.
     */
    public int exitCode() {
        if (students.stream().anyMatch(s -> s.exitCode() == GradeReport.EXIT_FAIL)) {
            return GradeReport.EXIT_FAIL;
        }
        if (students.isEmpty() || students.stream().anyMatch(s -> s.exitCode() == GradeReport.EXIT_INCOMPLETE)) {
            return GradeReport.EXIT_INCOMPLETE;
        }
        return GradeReport.EXIT_PASS;
    }

    /** e.g. {@code 8 repositories: 5 PASS, 1 WARN, 2 FAIL}. */
    public String headline() {
        Map<String, Long> by = new LinkedHashMap<>();
        for (String v : List.of("PASS", "WARN", "FAIL", "NOT RUN", StudentResult.ERROR)) {
            long n = students.stream().filter(s -> s.verdict().equals(v)).count();
            if (n > 0) {
                by.put(v, n);
            }
        }
        StringBuilder h = new StringBuilder(students.size() + (students.size() == 1 ? " repository: " : " repositories: "));
        by.forEach((v, n) -> h.append(n).append(' ').append(v).append(", "));
        return h.substring(0, h.length() - 2);
    }

    public String toMarkdown() {
        java.util.Set<String> titles = new java.util.TreeSet<>();
        students.stream().map(StudentResult::title).filter(t -> !t.isBlank()).forEach(titles::add);
        StringBuilder md = new StringBuilder("# ").append(titles.size() == 1 ? titles.iterator().next() : "Grading").append(" class report\n\n");
        md.append(headline()).append(" (exit code ").append(exitCode()).append(")").append(students.stream().map(StudentResult::gradedAt)
                .max(String::compareTo).map(t -> "; last graded " + t).orElse("")).append(".\n\n");
        java.util.Set<String> graders = new java.util.TreeSet<>();
        students.stream().map(StudentResult::grader).filter(g -> !g.isBlank()).forEach(graders::add);
        if (!graders.isEmpty()) {
            md.append("Graded by ").append(String.join("; ", graders)).append(graders.size() > 1 ? " (different graders: verdicts may not compare)" : "")
                    .append(".\n\n");
        }
        md.append("Verdicts: PASS every REQUIRED check passed and all advice followed; WARN the course's requirements are met, some")
                .append(" ADVISORY check was not (advice only, unless graded with `--strict`); FAIL a REQUIRED check failed; NOT RUN")
                .append(" something outside the solution was missing on the grading machine; ERROR the repository could not be graded.\n\n");
        md.append("| student | verdict | required passed | required failed | advice passed | WARN | not run | time | result |\n")
                .append("| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (StudentResult s : students) {
            long rp = sum(s, StudentResult.Exercise::requiredPassed);
            long rt = sum(s, StudentResult.Exercise::requiredTotal);
            md.append("| ").append(cell(s.name())).append(" | ").append(s.verdict()).append(" | ").append(rp).append('/').append(rt)
                    .append(" | ").append(sum(s, StudentResult.Exercise::requiredFailed)).append(" | ")
                    .append(sum(s, StudentResult.Exercise::advicePassed)).append('/').append(sum(s, StudentResult.Exercise::adviceTotal))
                    .append(" | ").append(sum(s, StudentResult.Exercise::adviceWarned)).append(" | ").append(sum(s, StudentResult.Exercise::notRun))
                    .append(" | ").append(String.format(Locale.ROOT, "%.1f s", s.seconds())).append(" | ").append(cell(s.headline())).append(" |\n");
        }
        md.append("\n## Per exercise\n\n| student | exercise | graded on | verdict | required passed | required failed | advice passed | WARN")
                .append(" | not run | time |\n| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n");
        for (StudentResult s : students) {
            if (s.exercises().isEmpty()) {
                md.append("| ").append(cell(s.name())).append(" | - | - | ").append(s.verdict()).append(" | - | - | - | - | - | - |\n");
            }
            for (StudentResult.Exercise e : s.exercises()) {
                md.append("| ").append(cell(s.name())).append(" | ").append(e.exercise()).append(" | ").append(cell(e.gradedOn())).append(" | ")
                        .append(e.verdict()).append(" | ").append(e.requiredPassed()).append('/').append(e.requiredTotal()).append(" | ")
                        .append(e.requiredFailed()).append(" | ").append(e.advicePassed()).append('/').append(e.adviceTotal()).append(" | ")
                        .append(e.adviceWarned()).append(" | ").append(e.notRun()).append(" | ")
                        .append(String.format(Locale.ROOT, "%.1f s", e.seconds())).append(" |\n");
            }
        }
        List<String> failing = new ArrayList<>();
        for (StudentResult s : students) {
            if (s.error() != null) {
                failing.add("| " + cell(s.name()) + " | - | ERROR | " + cell(s.error()) + " |\n");
            }
            s.checks().stream().filter(c -> c.verdict().equals("FAIL"))
                    .forEach(c -> failing.add("| " + cell(s.name()) + " | " + c.exercise() + " | " + cell(c.name()) + " | " + cell(c.reason()) + " |\n"));
        }
        if (!failing.isEmpty()) {
            md.append("\n## Failed REQUIRED checks\n\n| student | exercise | check | reason |\n| --- | --- | --- | --- |\n");
            failing.forEach(md::append);
        }
        return md.toString();
    }

    /** One row per student and exercise (a row with exercise {@code -} for a repository that could not be graded). */
    public String toCsv() {
        StringBuilder csv = new StringBuilder("student,exercise,verdict,required_passed,required_failed,required_total,advice_passed,"
                + "advice_warned,advice_total,not_run,seconds,graded_on,source,error\n");
        for (StudentResult s : students) {
            if (s.exercises().isEmpty()) {
                csv.append(String.join(",", csvCell(s.name()), "-", s.verdict(), "0", "0", "0", "0", "0", "0", "0",
                        String.format(Locale.ROOT, "%.1f", s.seconds()), "", csvCell(s.source()), csvCell(s.error()))).append('\n');
            }
            for (StudentResult.Exercise e : s.exercises()) {
                csv.append(String.join(",", csvCell(s.name()), e.exercise(), e.verdict(), Long.toString(e.requiredPassed()),
                        Long.toString(e.requiredFailed()), Long.toString(e.requiredTotal()), Long.toString(e.advicePassed()),
                        Long.toString(e.adviceWarned()), Long.toString(e.adviceTotal()), Long.toString(e.notRun()),
                        String.format(Locale.ROOT, "%.1f", e.seconds()), csvCell(e.gradedOn()), csvCell(s.source()), csvCell(s.error())))
                        .append('\n');
            }
        }
        return csv.toString();
    }

    /** {@code {"format":1,"headline":...,"exitCode":...,"students":[result...]}}. */
    public String toJson() {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("format", StudentResult.FORMAT);
        doc.put("headline", headline());
        doc.put("exitCode", exitCode());
        doc.put("students", students);
        return StudentResult.toJson(doc);
    }

    private static long sum(StudentResult s, java.util.function.ToLongFunction<StudentResult.Exercise> f) {
        return s.exercises().stream().mapToLong(f).sum();
    }

    private static String cell(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    /** RFC 4180: quoted when it holds a comma, quote or line break; a leading = + - @ is defused for spreadsheets. */
    static String csvCell(String s) {
        if (s == null || s.isEmpty()) {
            return "";
        }
        String v = s.replace("\r", " ").replace("\n", " ");
        if (v.matches("^[=+\\-@].*")) {
            v = "'" + v;
        }
        return v.matches(".*[,\"].*") ? "\"" + v.replace("\"", "\"\"") + "\"" : v;
    }
}
