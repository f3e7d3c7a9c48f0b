package dev.tpharness.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The shape of {@code grade-class.yml}: a plan that builds the grader once and makes the matrix, one
 * grade job per repository, a merge that runs whatever the grade jobs gave, and artifact names and
 * paths that agree between the jobs. What its scripts do is {@link GradeClassWorkflowIT}'s part.
 */
class GradeClassWorkflowTest {

    private static final Workflow WF = Workflow.named("grade-class.yml");
    private static final String JAR = "${{ github.workspace }}/grader/tp-harness-grader.jar";

    @Test
    void planGradeAndMerge() {
        assertThat(WF.jobs().propertyNames()).containsExactly("plan", "grade", "merge");
        assertThat(WF.job("grade").get("needs").asString()).isEqualTo("plan");
        assertThat(WF.job("merge").get("needs").valueStream().map(JsonNode::asString)).containsExactlyInAnyOrder("plan", "grade");
    }

    @Test
    void dispatchedWithAClassFileExercisesAndStrict() {
        JsonNode inputs = WF.root().get("on").get("workflow_dispatch").get("inputs");
        assertThat(inputs.propertyNames()).containsExactlyInAnyOrder("class-file", "assignment", "exercises", "strict");
        assertThat(inputs.get("strict").get("type").asString()).isEqualTo("boolean");
        assertThat(WF.inputDefault("assignment")).isEqualTo("tp0");
        assertThat(WF.inputDefault("exercises")).as("empty: every exercise of the assignment").isEmpty();
        assertThat(Path.of(WF.inputDefault("class-file"))).isRegularFile();
    }

    @Test
    void theGradeMatrixIsThePlansOutput() {
        assertThat(WF.job("plan").get("outputs").get("matrix").asString()).isEqualTo("${{ steps.matrix.outputs.matrix }}");
        assertThat(WF.step("plan", "matrix").get("run").asString()).contains("./grade.sh --matrix \"$CLASS_FILE\"", "matrix=",
                ">> \"$GITHUB_OUTPUT\"");
        JsonNode strategy = WF.job("grade").get("strategy");
        assertThat(strategy.get("matrix").asString()).isEqualTo("${{ fromJSON(needs.plan.outputs.matrix) }}");
        assertThat(strategy.get("fail-fast").asBoolean(true)).isFalse();
        assertThat(strategy.get("max-parallel").asInt()).isBetween(1, 256);
    }

    /** A student's FAIL must not keep the class report from being made; no plan, no jar and nothing to merge. */
    @Test
    void mergeRunsWhateverTheGradeJobsGaveButNeedsThePlan() {
        String condition = WF.job("merge").get("if").asString();
        assertThat(condition).contains("always()", "needs.plan.result == 'success'").doesNotContain("needs.grade");
        for (String job : List.of("plan", "grade", "merge")) {
            assertThat(WF.job(job).has("continue-on-error")).as("job %s hides failures with continue-on-error", job).isFalse();
        }
    }

    @Test
    void theGraderJarIsBuiltOnceAndDownloadedWhereTpGraderJarPointsTo() {
        JsonNode upload = single(WF.uses("plan", "actions/upload-artifact"));
        String name = upload.get("with").get("name").asString();
        assertThat(upload.get("with").get("path").asString()).isEqualTo("grader/tp-harness-grader.jar");
        assertThat(WF.scripts()).filteredOn(s -> s.job().equals("plan")).extracting(Workflow.Script::run)
                .anyMatch(r -> r.contains("./mvnw -B -ntp -DskipTests package") && r.contains("grader/tp-harness-grader.jar"));
        assertThat(WF.env("plan", "matrix")).containsEntry("TP_GRADER_JAR", JAR);
        for (String job : List.of("grade", "merge")) {
            assertThat(WF.uses(job, "actions/download-artifact")).as(job)
                    .anySatisfy(d -> assertThat(d.get("with").toString()).isEqualTo("{\"name\":\"" + name + "\",\"path\":\"grader\"}"));
            assertThat(WF.scripts()).filteredOn(s -> s.job().equals(job)).extracting(Workflow.Script::run).as(job)
                    .noneMatch(r -> r.contains("mvnw"));
        }
        assertThat(WF.env("grade", "grade")).containsEntry("TP_GRADER_JAR", JAR);
        assertThat(WF.env("merge", "merge")).containsEntry("TP_GRADER_JAR", JAR);
    }

    /** Each grade job uploads its folder as result-NAME; the merge downloads every result-* into a folder of its own. */
    @Test
    void resultArtifactsAgreeBetweenGradeAndMerge() {
        assertThat(WF.env("grade", "grade")).containsEntry("NAME", "${{ matrix.name }}").containsEntry("REPO", "${{ matrix.repo }}");
        assertThat(WF.step("grade", "grade").get("run").asString()).contains("-o results --name \"$NAME\"", "-- \"$REPO\"");
        JsonNode upload = single(WF.uses("grade", "actions/upload-artifact"));
        assertThat(upload.get("if").asString()).isEqualTo("always()");
        assertThat(upload.get("with").get("name").asString()).isEqualTo("result-${{ matrix.name }}");
        assertThat(upload.get("with").get("path").asString()).isEqualTo("results/${{ matrix.name }}/");

        JsonNode download = WF.uses("merge", "actions/download-artifact").stream().filter(d -> d.get("with").has("pattern")).findFirst()
                .orElseThrow(() -> new AssertionError("the merge downloads no artifact by pattern"));
        assertThat(download.get("with").get("pattern").asString()).isEqualTo("result-*");
        assertThat(download.get("with").get("merge-multiple").asBoolean(true)).isFalse();
        assertThat(download.get("with").get("path").asString()).isEqualTo("results");
        assertThat(WF.step("merge", "merge").get("run").asString()).contains("results/result-*/result.json",
                "results/result-$name/result.json", "./grade.sh --merge \"${files[@]}\" -o class-report", ">> \"$GITHUB_STEP_SUMMARY\"");
        assertThat(WF.env("merge", "merge")).containsEntry("MATRIX", "${{ needs.plan.outputs.matrix }}");
    }

    @Test
    void theClassReportIsUploadedEvenWhenTheMergeFails() {
        JsonNode upload = single(WF.uses("merge", "actions/upload-artifact"));
        assertThat(upload.get("if").asString()).isEqualTo("always()");
        assertThat(upload.get("with").get("name").asString()).isEqualTo("class-report");
        assertThat(upload.get("with").get("path").asString()).isEqualTo("class-report/");
    }

    /** The students' scripts run on the grade runner: no token may be left in the checkout for them. */
    @Test
    void noJobKeepsTheTokenInItsCheckout() {
        for (String job : List.of("plan", "grade", "merge")) {
            assertThat(single(WF.uses(job, "actions/checkout")).path("with").path("persist-credentials").asBoolean(true)).as(job).isFalse();
        }
        assertThat(WF.root().get("permissions").toString()).isEqualTo("{\"contents\":\"read\"}");
    }

    @Test
    void theExampleClassFileExplainsItsFormat() throws Exception {
        String text = Files.readString(Path.of(WF.inputDefault("class-file")));
        assertThat(text).startsWith("#").contains("name   path-or-git-url", "docs/class-grading-ci.md");
    }

    private static JsonNode single(List<JsonNode> steps) {
        assertThat(steps).hasSize(1);
        return steps.get(0);
    }
}
