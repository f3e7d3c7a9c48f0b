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
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The GitHub workflow is validated against the workflow schema by {@code @action-validator/cli}
 * (installed by {@code npm ci --prefix .ci/tools}; {@code .ci/run} does it), and has the jobs the
 * project promises: the library's tests and one job per exercise.
 */
class WorkflowFileTest {

    private static final Path WORKFLOW = Path.of(".github/workflows/ci.yml");
    private static final Path VALIDATOR = Path.of(".ci/tools/node_modules/.bin/action-validator");

    @TempDir
    Path dir;

    private record Run(int exit, String output) {
    }

    private Run validate(Path file) throws IOException, InterruptedException {
        assertThat(VALIDATOR).as("workflow validator missing: run `npm ci --prefix .ci/tools` (needs Node.js and npm)").isExecutable();
        Path out = dir.resolve("validator.log");
        Process p = new ProcessBuilder(VALIDATOR.toString(), file.toString()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(VALIDATOR + " " + file + ": timed out after 60 s");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
    }

    @Test
    void workflowPassesTheSchemaValidator() throws Exception {
        Run run = validate(WORKFLOW);
        assertThat(run.exit()).as("%s %s said:\n%s", VALIDATOR, WORKFLOW, run.output()).isZero();
    }

    @Test
    void theValidatorRejectsABrokenWorkflow() throws Exception {
        Path broken = Files.writeString(dir.resolve("broken.yml"),
                Files.readString(WORKFLOW).replace("runs-on:", "runs-onn:"));
        assertThat(validate(broken).exit()).isNotZero();
    }

    @Test
    void oneJobPerExercisePlusTheLibrary() throws Exception {
        JsonNode wf = YAMLMapper.builder().build().readTree(WORKFLOW.toFile());
        assertThat(wf.get("jobs").propertyNames()).contains("library", "exercise");
        List<String> matrix = wf.get("jobs").get("exercise").get("strategy").get("matrix").get("exercise")
                .valueStream().map(JsonNode::asString).toList();
        assertThat(matrix).containsExactly("ej1", "ej2", "ej3", "ej4");
        assertThat(wf.get("jobs").get("exercise").toString()).contains("-Dgroups=${{ matrix.exercise }}", "upload-artifact");
    }
}
