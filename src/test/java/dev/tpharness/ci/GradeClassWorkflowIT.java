package dev.tpharness.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.tpharness.grading.batch.Student;
import dev.tpharness.grading.batch.StudentResult;
import dev.tpharness.grading.report.CheckTier;
import dev.tpharness.grading.report.GradeReport;
import dev.tpharness.grading.report.GradeReport.Verdict;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The scripts of {@code grade-class.yml} run verbatim, as the runner would run them, against the
 * grader jar this build made ({@code target/tp-harness-*-grader.jar}, hence an IT: failsafe runs
 * after {@code package}): the plan's matrix step on the example class file, the merge step on a
 * workspace laid out as its download steps leave it, and the grade step around a stand-in
 * {@code grade.sh} (what it does with each exit code; grading itself needs Docker and is tested elsewhere).
 */
class GradeClassWorkflowIT {

    private static final Workflow WORKFLOW = Workflow.named("grade-class.yml");
    private static final List<String> EXERCISES = List.of("ej1", "ej2", "ej3", "ej4");
    private static final String MATRIX = "{\"include\":[{\"name\":\"alice\",\"repo\":\"https://github.com/alice/tp0\"},"
            + "{\"name\":\"bob\",\"repo\":\"https://github.com/bob/tp0\"},{\"name\":\"carol\",\"repo\":\"https://github.com/carol/tp0\"}]}";

    @TempDir
    Path workspace;

    @TempDir
    Path runnerTemp;

    @BeforeEach
    void checkoutAndJar() throws IOException {
        // what actions/checkout and the grader-jar download leave in the workspace
        Files.copy(Path.of("grade.sh"), workspace.resolve("grade.sh"));
        Files.createDirectories(workspace.resolve("grader"));
        Path jar = workspace.resolve("grader/tp-harness-grader.jar");
        try {
            Files.createLink(jar, graderJar()); // 50 MB: a copy only where the temp folder is on another file system
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(graderJar(), jar);
        }
    }

    // --- plan

    @Test
    void planWritesTheExampleClassFileAsTheMatrixOutput() throws Exception {
        copyIntoWorkspace(Path.of(WORKFLOW.inputDefault("class-file")));
        StepRun run = plan(WORKFLOW.inputDefault("exercises"));

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.outputs()).as(run.describe()).containsOnlyKeys("matrix");
        JsonNode matrix = JsonMapper.builder().build().readTree(run.outputs().get("matrix"));
        assertThat(matrix.propertyNames()).containsExactly("include");
        assertThat(matrix.get("include").valueStream().map(e -> e.get("name").asString() + " " + e.get("repo").asString()))
                .containsExactly("tp0-base https://github.com/7574-sistemas-distribuidos/tp0-base");
    }

    @Test
    void planRefusesExercisesThatAreNotAList() throws Exception {
        copyIntoWorkspace(Path.of(WORKFLOW.inputDefault("class-file")));
        StepRun run = plan("ej1;ej5");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.result().stdout()).contains("::error title=exercises::'ej1;ej5' is not a comma-separated list of ej1,ej2,ej3,ej4");
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    void planRefusesAnExerciseTheAssignmentDoesNotHave() throws Exception {
        copyIntoWorkspace(Path.of(WORKFLOW.inputDefault("class-file")));
        StepRun run = plan("ej1,ej5");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.result().stdout()).contains("::error title=exercises::'ej5' is not an exercise of tp0 (ej1,ej2,ej3,ej4)");
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    void planRefusesAnAssignmentTheGraderDoesNotHave() throws Exception {
        copyIntoWorkspace(Path.of(WORKFLOW.inputDefault("class-file")));
        StepRun run = StepRun.of(WORKFLOW, "plan", "matrix", workspace, runnerTemp, Map.of("inputs.class-file",
                WORKFLOW.inputDefault("class-file"), "inputs.assignment", "tp9", "inputs.exercises", ""));

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(2);
        assertThat(run.result().stdout()).contains("::error title=assignment::no assignment 'tp9' (there are: tp0)");
        assertThat(run.outputs()).isEmpty();
    }

    @Test
    void planFailsOnAClassFileThatNamesNoRepository() throws Exception {
        Files.createDirectories(workspace.resolve("classes"));
        Files.writeString(workspace.resolve("classes/example.txt"), "# alice https://github.com/alice/tp0\n");
        StepRun run = plan("ej1");

        assertThat(run.exitCode()).as(run.describe()).isNotZero();
        assertThat(run.result().stderr()).contains("names no repository");
        assertThat(run.outputs()).isEmpty();
    }

    // --- merge

    @Test
    void mergeMakesTheClassReportFromOneFolderPerArtifact() throws Exception {
        downloaded("alice", result("alice", Verdict.PASS));
        downloaded("bob", result("bob", Verdict.WARN));
        downloaded("carol", result("carol", Verdict.FAIL));
        StepRun run = merge(MATRIX);

        // the class was graded: the job is green, the class's exit code is in the report
        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.result().stdout()).contains("3 repositories: 1 PASS, 1 WARN, 1 FAIL", "class exit code 1");
        Path report = workspace.resolve("class-report");
        assertThat(report.resolve("class-report.md")).exists();
        assertThat(report.resolve("class-report.json")).exists();
        List<String> csv = Files.readAllLines(report.resolve("class-report.csv"));
        assertThat(csv.get(0)).startsWith("student,exercise,verdict,");
        List<String> rows = new ArrayList<>();
        for (String student : List.of("alice", "bob", "carol")) {
            EXERCISES.forEach(e -> rows.add(student + "," + e));
        }
        assertThat(csv.subList(1, csv.size()).stream().map(l -> l.split(",")[0] + "," + l.split(",")[1])).containsExactlyElementsOf(rows);
        assertThat(csv).anyMatch(l -> l.startsWith("carol,ej3,FAIL,4,1,5,")).anyMatch(l -> l.startsWith("bob,ej3,WARN,5,0,5,7,1,8,"));
        JsonNode json = JsonMapper.builder().build().readTree(report.resolve("class-report.json").toFile());
        assertThat(json.get("exitCode").asInt()).isEqualTo(1);
        assertThat(run.summary()).isEqualTo(Files.readString(report.resolve("class-report.md")))
                .contains("# TP0 part 1 class report", "3 repositories: 1 PASS, 1 WARN, 1 FAIL (exit code 1)", "| carol | FAIL |",
                        "## Failed REQUIRED checks", "against a healthy echo mock");
    }

    @Test
    void mergeOfAClassThatMetTheRequirementsSaysExitCodeZero() throws Exception {
        downloaded("alice", result("alice", Verdict.PASS));
        downloaded("bob", result("bob", Verdict.WARN));
        StepRun run = merge("{\"include\":[{\"name\":\"alice\",\"repo\":\"a\"},{\"name\":\"bob\",\"repo\":\"b\"}]}");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.result().stdout()).contains("2 repositories: 1 PASS, 1 WARN", "class exit code 0");
        assertThat(run.summary()).contains("(exit code 0)");
    }

    @Test
    void mergeFailsNamingARepositoryWhoseResultNeverArrivedAndStillReportsTheOthers() throws Exception {
        downloaded("alice", result("alice", Verdict.PASS));
        downloaded("bob", result("bob", Verdict.WARN));
        // carol's grade job broke before it wrote result.json: its artifact holds only the log of the build
        Files.createDirectories(workspace.resolve("results/result-carol"));
        Files.writeString(workspace.resolve("results/result-carol/report.md"), "partial\n");
        StepRun run = merge(MATRIX);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("::error title=results missing::no result for carol");
        assertThat(run.summary()).contains("2 repositories: 1 PASS, 1 WARN", "## Not in this report", "- carol");
        assertThat(Files.readAllLines(workspace.resolve("class-report/class-report.csv"))).hasSize(1 + 2 * EXERCISES.size());
    }

    @Test
    void mergeFailsWhenNoResultArrivedAtAll() throws Exception {
        StepRun run = merge(MATRIX);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("no result for alice bob carol");
        assertThat(workspace.resolve("class-report")).doesNotExist();
    }

    @Test
    void mergeFailsWhenAResultCannotBeRead() throws Exception {
        downloaded("alice", result("alice", Verdict.PASS));
        Files.createDirectories(workspace.resolve("results/result-bob"));
        Files.writeString(workspace.resolve("results/result-bob/result.json"), "{\"format\":1}\n");
        StepRun run = merge("{\"include\":[{\"name\":\"alice\",\"repo\":\"a\"},{\"name\":\"bob\",\"repo\":\"b\"}]}");

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("::error title=merge::./grade.sh --merge exited 2");
        assertThat(run.result().stderr()).contains("result-bob/result.json is not a grading result");
    }

    // --- grade, around a stand-in grade.sh that writes a given result and exits with a given code

    @Test
    void aGradedRepositoryKeepsTheJobGreenWhateverItsVerdict() throws Exception {
        for (Verdict v : List.of(Verdict.PASS, Verdict.WARN, Verdict.FAIL, Verdict.NOT_RUN)) {
            StudentResult r = result("alice", v);
            StepRun run = grade(r, r.exitCode(), false);
            assertThat(run.exitCode()).as("%s: %s", v, run.describe()).isZero();
            assertThat(run.result().stdout()).contains("alice: " + r.verdict() + " (grade.sh exit code " + r.exitCode() + ")");
        }
    }

    @Test
    void theGradeStepPassesTheInputsToGradeSh() throws Exception {
        StepRun run = grade(result("alice", Verdict.PASS), 0, true);

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.result().stdout())
                .contains("args: --assignment tp0 -o results --name alice -e ej1,ej2,ej3,ej4 --strict -- https://github.com/alice/tp0");
        // the students' output cannot issue workflow commands, and the runner's command files are not in its environment
        assertThat(run.result().stdout()).containsPattern("(?s)::stop-commands::(grading-\\d+)\n.*\n::\\1::\n");
        assertThat(run.result().stdout()).contains("GITHUB_OUTPUT=\n");
    }

    @Test
    void aRepositoryWithExercisesOfItsOwnIsGradedOnThem() throws Exception {
        StepRun run = grade(result("alice", Verdict.PASS), 0, false, "ej3");

        assertThat(run.exitCode()).as(run.describe()).isZero();
        assertThat(run.result().stdout()).contains("args: --assignment tp0 -o results --name alice -e ej3 -- https://github.com/alice/tp0");
    }

    @Test
    void aRepositoryThatCouldNotBeGradedTurnsTheJobRed() throws Exception {
        StudentResult error = StudentResult.error(new Student("alice", "https://github.com/alice/tp0"), Instant.now(), Duration.ofSeconds(2),
                false, "cannot clone https://github.com/alice/tp0: exit 128");
        StepRun run = grade(error, 1, false);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("::error title=alice not graded::the repository could not be graded (ERROR)");
    }

    @Test
    void aGraderThatWritesNoResultTurnsTheJobRed() throws Exception {
        StepRun run = grade(null, 1, false);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("::error title=alice not graded::./grade.sh exited 1 and wrote no results/alice/result.json");
    }

    @Test
    void anExitCodeThatDoesNotMatchTheVerdictIsAGraderBreakage() throws Exception {
        StepRun run = grade(result("alice", Verdict.PASS), 2, false);

        assertThat(run.exitCode()).as(run.describe()).isEqualTo(1);
        assertThat(run.result().stdout()).contains("::error title=alice::./grade.sh exited 2 with the verdict PASS: the grader broke");
    }

    // --- helpers

    private StepRun plan(String exercises) throws IOException {
        return StepRun.of(WORKFLOW, "plan", "matrix", workspace, runnerTemp,
                Map.of("inputs.class-file", WORKFLOW.inputDefault("class-file"), "inputs.assignment", WORKFLOW.inputDefault("assignment"),
                        "inputs.exercises", exercises));
    }

    private StepRun merge(String matrix) throws IOException {
        return StepRun.of(WORKFLOW, "merge", "merge", workspace, runnerTemp, Map.of("needs.plan.outputs.matrix", matrix));
    }

    /**
     * The grade step for alice with {@code grade.sh} replaced by a stand-in that prints its arguments
     * and environment, writes {@code result} (none when null) where the real one would, and exits {@code exit}.
     */
    private StepRun grade(StudentResult result, int exit, boolean strict) throws IOException {
        return grade(result, exit, strict, "");
    }

    /** The same, for a repository whose class-file line names exercises of its own ({@code ownExercises}, empty: none). */
    private StepRun grade(StudentResult result, int exit, boolean strict, String ownExercises) throws IOException {
        Path canned = runnerTemp.resolve("canned-result.json");
        Files.deleteIfExists(canned);
        if (result != null) {
            result.write(canned);
        }
        Path standIn = workspace.resolve("grade.sh");
        Files.writeString(standIn, "#!/usr/bin/env bash\n"
                + "echo \"args: $*\"\n"
                + "echo \"GITHUB_OUTPUT=${GITHUB_OUTPUT:-}\"\n"
                + "if [ -f '" + canned + "' ]; then mkdir -p results/alice && cp '" + canned + "' results/alice/result.json; fi\n"
                + "exit " + exit + "\n");
        standIn.toFile().setExecutable(true);
        return StepRun.of(WORKFLOW, "grade", "grade", workspace, runnerTemp, Map.of("matrix.name", "alice", "matrix.repo",
                "https://github.com/alice/tp0", "matrix.exercises", ownExercises, "inputs.assignment", "tp0", "inputs.exercises",
                "ej1,ej2,ej3,ej4", "inputs.strict", Boolean.toString(strict)));
    }

    /** What actions/download-artifact leaves for the artifact result-NAME: results/result-NAME/ with the job's files. */
    private void downloaded(String name, StudentResult result) throws IOException {
        Path dir = workspace.resolve("results/result-" + name);
        result.write(dir.resolve("result.json"));
        Files.writeString(dir.resolve("report.md"), "# TP0 grading report\n\n" + result.headline() + "\n");
    }

    private void copyIntoWorkspace(Path file) throws IOException {
        Files.createDirectories(workspace.resolve(file).getParent());
        Files.copy(file, workspace.resolve(file));
    }

    private static Path graderJar() throws IOException {
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            return jars.filter(p -> p.getFileName().toString().matches("tp-harness-.*-grader\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no target/tp-harness-*-grader.jar: run the ITs after `./mvnw package`"));
        }
    }

    /**
     * A realistic result of the four exercises (21 REQUIRED and 19 ADVISORY checks, as the suites
     * have): every check passes but the one that gives the verdict asked for, an ej3 check.
     */
    static StudentResult result(String name, Verdict verdict) {
        int[][] counts = {{7, 7}, {6, 1}, {5, 8}, {3, 3}};
        List<GradeReport.Check> checks = new ArrayList<>();
        Instant t = Instant.parse("2026-12-02T10:00:00Z");
        for (int e = 0; e < EXERCISES.size(); e++) {
            String ex = EXERCISES.get(e);
            for (int i = 1; i <= counts[e][0] + counts[e][1]; i++) {
                boolean required = i <= counts[e][0];
                CheckTier tier = new CheckTier(required ? CheckTier.Tier.REQUIRED : CheckTier.Tier.ADVISORY,
                        required ? "statement ex. " + (e + 1) + "; course test_" + ex : "robustness");
                String check = ex + (required ? " required check " : " advisory check ") + i;
                Verdict v = Verdict.PASS;
                String reason = "";
                if (ex.equals("ej3") && i == 1 && (verdict == Verdict.FAIL || verdict == Verdict.NOT_RUN)) {
                    check = "validar-echo-server.sh > against a healthy echo mock: a line says result: success";
                    v = verdict;
                    reason = verdict == Verdict.FAIL ? "a line of stdout contains 'action: test_echo_server | result: success': exit 1"
                            : "alpine:3.20 could not be pulled within PT2M";
                } else if (ex.equals("ej3") && i == counts[e][0] + 1 && verdict == Verdict.WARN) {
                    check = "validar-echo-server.sh > stdout is exactly the status line";
                    v = Verdict.WARN;
                    reason = "stdout has 2 lines";
                }
                checks.add(new GradeReport.Check(ex, check, tier, v, reason, Duration.ofMillis(800 + 100L * i), t));
                t = t.plusSeconds(1);
            }
        }
        Map<String, String> gradedOn = Map.of("ej1", "branch origin/ej1", "ej2", "branch origin/ej2", "ej3", "branch origin/ej3",
                "ej4", "working tree");
        return StudentResult.of(new Student(name, "https://github.com/" + name + "/tp0"), "/home/runner/work/results/" + name + "/repo",
                t, Duration.ofSeconds(41), new GradeReport(checks), gradedOn).forAssignment("tp0", "TP0 part 1");
    }
}
