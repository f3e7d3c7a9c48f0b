package dev.tpharness.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.tpharness.grading.report.GradeReport;
import dev.tpharness.grading.report.GradeReport.Verdict;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassReportTest {

    @TempDir
    Path dir;

    private Path write(StudentResult r) {
        Path f = dir.resolve("in").resolve("result-" + r.name()).resolve("result.json");
        r.write(f);
        return f;
    }

    @Test
    void aResultSurvivesItsJsonFile() {
        StudentResult r = Results.of("alice", Verdict.FAIL, Verdict.WARN, false);
        assertThat(StudentResult.read(write(r))).isEqualTo(r);
        assertThat(r.verdict()).isEqualTo("FAIL");
        assertThat(r.exitCode()).isEqualTo(GradeReport.EXIT_FAIL);
        assertThat(r.exercises()).extracting(StudentResult.Exercise::exercise, StudentResult.Exercise::verdict, StudentResult.Exercise::gradedOn)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ej1", "WARN", "branch origin/ej1"),
                        org.assertj.core.groups.Tuple.tuple("ej2", "FAIL", "working tree (no branch ej2)"));
    }

    @Test
    void resultsOfDifferentGradersAreFlagged() throws Exception {
        StudentResult old = Results.of("alice", Verdict.PASS, Verdict.PASS, false);
        write(new StudentResult(old.format(), old.name(), old.source(), old.target(), old.gradedAt(), old.seconds(), old.strict(), old.verdict(),
                old.headline(), old.exitCode(), old.error(), old.exercises(), old.checks(), old.assignment(), old.title(), "tp-harness 0.0.9"));
        write(Results.of("bob", Verdict.PASS, Verdict.PASS, false));
        ClassReport.merge(List.of(dir.resolve("in")), dir.resolve("out"));

        assertThat(Files.readString(dir.resolve("out").resolve(ClassReport.MARKDOWN)))
                .contains("Graded by tp-harness 0.0.9; tp-harness development build (different graders: verdicts may not compare).");
    }

    @Test
    void mergesOneRowPerStudentAndExerciseWithCounts() throws Exception {
        write(Results.of("carol", Verdict.FAIL, Verdict.PASS, false));
        write(Results.of("alice", Verdict.PASS, Verdict.PASS, false));
        write(Results.of("bob", Verdict.PASS, Verdict.WARN, false));
        ClassReport report = ClassReport.merge(List.of(dir.resolve("in")), dir.resolve("out"));

        assertThat(report.students()).extracting(StudentResult::name).containsExactly("alice", "bob", "carol");
        assertThat(report.headline()).isEqualTo("3 repositories: 1 PASS, 1 WARN, 1 FAIL");
        assertThat(report.exitCode()).isEqualTo(GradeReport.EXIT_FAIL);
        List<String> csv = Files.readAllLines(dir.resolve("out").resolve(ClassReport.CSV));
        assertThat(csv.get(0)).startsWith("student,exercise,verdict,required_passed,required_failed,required_total,advice_passed,advice_warned");
        assertThat(csv).hasSize(1 + 3 * 2);
        assertThat(csv).contains("bob,ej1,WARN,1,0,1,0,1,1,0,1.5,branch origin/ej1,/repos/bob,",
                "carol,ej2,FAIL,0,1,1,0,0,0,0,1.5,working tree (no branch ej2),/repos/carol,");
        String md = Files.readString(dir.resolve("out").resolve(ClassReport.MARKDOWN));
        assertThat(md).contains("| alice | PASS | 2/2 | 0 | 1/1 | 0 | 0 | 42.0 s |", "| carol | ej2 | working tree (no branch ej2) | FAIL | 0/1 | 1 |",
                "## Failed REQUIRED checks", "| carol | ej2 | config > port | the server listens on 12345, not 12346 |");
        assertThat(report.students()).extracting(StudentResult::grader).containsOnly(GradeReport.GRADER);
        assertThat(GradeReport.GRADER).as("run from classes, without grade.sh").isEqualTo("tp-harness development build");
        assertThat(md).contains("Graded by tp-harness development build.").doesNotContain("different graders");
        assertThat(ClassReport.merge(List.of(dir.resolve("out").resolve(ClassReport.JSON).getParent().resolve("x"), dir.resolve("in")).subList(1, 2),
                dir.resolve("again")).toJson()).isEqualTo(report.toJson());
    }

    @Test
    void exitCodeIsTheWorstOfTheClass() {
        StudentResult pass = Results.of("a", Verdict.PASS, Verdict.PASS, false);
        StudentResult warn = Results.of("b", Verdict.PASS, Verdict.WARN, false);
        StudentResult notRun = Results.of("c", Verdict.NOT_RUN, Verdict.PASS, false);
        StudentResult error = StudentResult.error(new Student("d", "https://x/d.git"), Instant.now(), Duration.ofSeconds(1), false,
                "cannot clone https://x/d.git");
        assertThat(new ClassReport(List.of(pass, warn)).exitCode()).isZero();
        assertThat(new ClassReport(List.of(pass, notRun)).exitCode()).isEqualTo(GradeReport.EXIT_INCOMPLETE);
        assertThat(new ClassReport(List.of(pass, notRun, error)).exitCode()).isEqualTo(GradeReport.EXIT_FAIL);
        assertThat(new ClassReport(List.of(Results.of("s", Verdict.PASS, Verdict.WARN, true))).exitCode()).isEqualTo(GradeReport.EXIT_FAIL);
    }

    @Test
    void aRepositoryThatCouldNotBeGradedHasARowAndItsReason() {
        StudentResult error = StudentResult.error(new Student("dave", "https://x/d.git"), Instant.now(), Duration.ofSeconds(3), false,
                "cannot clone https://x/d.git: exit 128");
        ClassReport report = new ClassReport(List.of(error));
        assertThat(report.toCsv()).contains("dave,-,ERROR,0,0,0,0,0,0,0,3.0,,https://x/d.git,cannot clone https://x/d.git: exit 128");
        assertThat(report.toMarkdown()).contains("| dave | - | ERROR | cannot clone https://x/d.git: exit 128 |");
    }

    @Test
    void csvCellsAreQuotedAndDefused() {
        assertThat(ClassReport.csvCell("a,b")).isEqualTo("\"a,b\"");
        assertThat(ClassReport.csvCell("say \"hi\"")).isEqualTo("\"say \"\"hi\"\"\"");
        assertThat(ClassReport.csvCell("=HYPERLINK(1)")).isEqualTo("'=HYPERLINK(1)");
        assertThat(ClassReport.csvCell("two\nlines")).isEqualTo("two lines");
    }

    @Test
    void mergeRefusesNothingDuplicatesAndForeignFiles() throws Exception {
        assertThatThrownBy(() -> ClassReport.merge(List.of(Files.createDirectories(dir.resolve("empty"))), dir.resolve("o")))
                .hasMessageContaining("no result.json");
        assertThatThrownBy(() -> ClassReport.merge(List.of(dir.resolve("missing")), dir.resolve("o"))).hasMessageContaining("does not exist");
        Path a = write(Results.of("alice", Verdict.PASS, Verdict.PASS, false));
        Path copy = Files.createDirectories(dir.resolve("other")).resolve("result.json");
        Files.copy(a, copy);
        assertThatThrownBy(() -> ClassReport.merge(List.of(a, copy), dir.resolve("o"))).hasMessageContaining("two results for alice");
        Path foreign = Files.writeString(dir.resolve("foreign").resolve("result.json").getParent().toFile().mkdirs()
                ? dir.resolve("foreign/result.json") : dir.resolve("foreign/result.json"), "{\"tests\": 3}");
        assertThatThrownBy(() -> ClassReport.merge(List.of(foreign), dir.resolve("o"))).hasMessageContaining("is not a grading result");
        Path broken = Files.writeString(dir.resolve("foreign/broken.json"), "{");
        assertThatThrownBy(() -> ClassReport.merge(List.of(broken), dir.resolve("o"))).hasMessageContaining("broken.json");
    }

    @Test
    void aResultFileDeepInAStudentsEvidenceIsNotMerged() throws Exception {
        write(Results.of("alice", Verdict.PASS, Verdict.PASS, false));
        Path deep = dir.resolve("in/result-alice/run/ej3/result.json");
        Files.createDirectories(deep.getParent());
        Files.writeString(deep, "{\"written\": \"by a student's script\"}");
        assertThat(ClassReport.merge(List.of(dir.resolve("in")), dir.resolve("o")).students()).extracting(StudentResult::name)
                .containsExactly("alice");
    }
}
