package dev.tpharness.ci;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A GitHub workflow file of this repository read as a tree, with the lookups the tests make: jobs,
 * steps by {@code id}, their {@code run:} scripts and the environment a step gets.
 */
record Workflow(Path file, JsonNode root) {

    static final Path DIR = Path.of(".github/workflows");

    /** A step's {@code run:} script, with the job and step it belongs to (for messages). */
    record Script(String job, String step, String run) {
    }

    static Workflow read(Path file) {
        return new Workflow(file, YAMLMapper.builder().build().readTree(file.toFile()));
    }

    static Workflow named(String fileName) {
        return read(DIR.resolve(fileName));
    }

    /** Every workflow file of the repository, in name order. */
    static List<Path> files() {
        try (Stream<Path> list = Files.list(DIR)) {
            return list.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode jobs() {
        return root.get("jobs");
    }

    JsonNode job(String id) {
        JsonNode job = jobs().get(id);
        if (job == null) {
            throw new AssertionError(file + " has no job '" + id + "' (jobs: " + jobs().propertyNames() + ")");
        }
        return job;
    }

    List<JsonNode> steps(String job) {
        return job(job).path("steps").valueStream().toList();
    }

    /** The step with {@code id: stepId} of the job. */
    JsonNode step(String job, String stepId) {
        return steps(job).stream().filter(s -> s.path("id").asString("").equals(stepId)).findFirst()
                .orElseThrow(() -> new AssertionError(file + ": job '" + job + "' has no step with id '" + stepId + "'"));
    }

    /** The steps of the job that use the action, e.g. {@code actions/upload-artifact}, whatever its version. */
    List<JsonNode> uses(String job, String action) {
        return steps(job).stream().filter(s -> s.path("uses").asString("").startsWith(action + "@")).toList();
    }

    /** Every {@code run:} script of every job. */
    List<Script> scripts() {
        List<Script> scripts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> job : jobs().properties()) {
            for (JsonNode step : job.getValue().path("steps").valueStream().toList()) {
                if (step.has("run")) {
                    scripts.add(new Script(job.getKey(), step.path("name").asString(step.path("id").asString("?")), step.get("run").asString()));
                }
            }
        }
        return scripts;
    }

    /** The environment a step declares, unresolved: the workflow's {@code env}, then its job's, then its own. */
    Map<String, String> env(String job, String stepId) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode level : List.of(root.path("env"), job(job).path("env"), step(job, stepId).path("env"))) {
            level.properties().forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        }
        return env;
    }

    /** The default of a {@code workflow_dispatch} input, as text. */
    String inputDefault(String input) {
        JsonNode in = root.path("on").path("workflow_dispatch").path("inputs").path(input);
        if (in.isMissingNode()) {
            throw new AssertionError(file + " has no workflow_dispatch input '" + input + "'");
        }
        return in.path("default").asString();
    }
}
