package dev.tpharness.ci;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Every GitHub workflow of the repository is validated against the workflow schema by
 * {@code @action-validator/cli} (installed by {@code bash .ci/setup-tools.sh}; {@code .ci/run} does
 * it), keeps expressions out of its scripts and passes shellcheck; {@code ci.yml} has the jobs the
 * project promises, provisioned as {@code .ci/run} provisions a CI machine.
 */
class WorkflowFileTest {

    private static final Path VALIDATOR = Path.of(".ci/tools/node_modules/.bin/action-validator");

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    static List<Path> workflows() {
        List<Path> files = Workflow.files();
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("ci.yml", "grade-class.yml");
        return files;
    }

    private Run exec(Path log, String... argv) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(argv).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", argv) + ": timed out after 60 s");
        }
        return new Run(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private Run validate(Path file) throws IOException, InterruptedException {
        assertThat(VALIDATOR).as("workflow validator missing: run `bash .ci/setup-tools.sh` (needs Node.js and npm)").isExecutable();
        return exec(dir.resolve("validator.log"), VALIDATOR.toString(), file.toString());
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void workflowPassesTheSchemaValidator(Path workflow) throws Exception {
        Run run = validate(workflow);
        assertThat(run.exit()).as("%s %s said:\n%s", VALIDATOR, workflow, run.output()).isZero();
    }

    @ParameterizedTest
    @MethodSource("workflows")
    void theValidatorRejectsABrokenCopy(Path workflow) throws Exception {
        String text = Files.readString(workflow);
        assertThat(text).contains("runs-on:");
        Path broken = Files.writeString(dir.resolve("broken-" + workflow.getFileName()), text.replace("runs-on:", "runs-onn:"));
        assertThat(validate(broken).exit()).isNotZero();
    }

    /** Inputs, matrix values and outputs reach a script through env: a value spliced into a script is code. */
    @ParameterizedTest
    @MethodSource("workflows")
    void noScriptHoldsAnExpression(Path workflow) {
        assertThat(Workflow.read(workflow).scripts()).isNotEmpty()
                .allSatisfy(s -> assertThat(s.run()).as("%s, job %s, step '%s'", workflow, s.job(), s.step()).doesNotContain("${{"));
    }

    /** The runner runs each script with {@code bash -e}. */
    @ParameterizedTest
    @MethodSource("workflows")
    void everyScriptPassesShellcheck(Path workflow) throws Exception {
        for (Workflow.Script s : Workflow.read(workflow).scripts()) {
            Path script = Files.writeString(dir.resolve("step.sh"), "#!/usr/bin/env bash\nset -e\n" + s.run());
            Run run = exec(dir.resolve("shellcheck.log"), "shellcheck", "-s", "bash", script.toString());
            assertThat(run.exit()).as("%s, job %s, step '%s': shellcheck said:\n%s", workflow, s.job(), s.step(), run.output()).isZero();
        }
    }

    @Test
    void ciHasOneJobPerExercisePlusTheLibrary() {
        Workflow ci = Workflow.named("ci.yml");
        assertThat(ci.jobs().propertyNames()).containsExactlyInAnyOrder("library", "exercise");
        JsonNode exercise = ci.job("exercise");
        List<String> matrix = exercise.get("strategy").get("matrix").get("exercise").valueStream().map(JsonNode::asString).toList();
        assertThat(matrix).containsExactly("ej1", "ej2", "ej3", "ej4");
        assertThat(ci.scripts()).filteredOn(s -> s.job().equals("exercise")).extracting(Workflow.Script::run)
                .contains("./grade.sh --strict -e \"$EXERCISE\" -o target/grading");
        assertThat(exercise.toString()).contains("\"EXERCISE\":\"${{ matrix.exercise }}\"");
        assertThat(ci.uses("exercise", "actions/upload-artifact")).singleElement()
                .satisfies(up -> assertThat(up.get("with").get("path").asString()).contains("target/grading/"));
    }

    /** The runners are provisioned by the script .ci/run uses, not by a copy of its commands. */
    @Test
    void everyCiJobProvisionsItsRunnerAsCiRunDoes() throws IOException {
        assertThat(Files.readString(Path.of(".ci/run"))).contains("bash .ci/provision.sh");
        assertThat(Files.readString(Path.of(".ci/provision.sh")))
                .contains("bash .ci/setup-docker.sh", "bash .ci/standin-images.sh", "bash .ci/setup-tools.sh");
        Workflow ci = Workflow.named("ci.yml");
        for (String job : List.of("library", "exercise")) {
            assertThat(ci.scripts()).filteredOn(s -> s.job().equals(job)).extracting(Workflow.Script::run)
                    .as("job %s", job).contains("bash .ci/provision.sh")
                    .noneMatch(r -> r.contains("setup-docker") || r.contains("standin-images") || r.contains("setup-tools"));
        }
    }
}
