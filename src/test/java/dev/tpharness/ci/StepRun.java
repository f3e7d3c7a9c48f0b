package dev.tpharness.ci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/**
 * Runs one workflow step's {@code run:} script verbatim as a GitHub runner does (written to a file,
 * {@code bash --noprofile --norc -e FILE}, in the workspace), with the environment the step declares,
 * each {@code ${{ expression }}} in it replaced by the value the test gives for that expression, and
 * fresh {@code GITHUB_OUTPUT} and {@code GITHUB_STEP_SUMMARY} files.
 *
 * @param result   what bash did
 * @param outputs  the {@code name=value} lines the script wrote to {@code GITHUB_OUTPUT}
 * @param summary  what it appended to {@code GITHUB_STEP_SUMMARY}
 */
record StepRun(CommandResult result, Map<String, String> outputs, String summary) {

    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{\\{\\s*(.+?)\\s*}}");

    /**
     * @param runnerTemp  a folder outside the workspace for the script and the runner's files
     * @param expressions the value of each expression the step's environment uses;
     *                    {@code github.workspace} is the workspace
     */
    static StepRun of(Workflow wf, String job, String stepId, Path workspace, Path runnerTemp, Map<String, String> expressions)
            throws IOException {
        Map<String, String> known = new LinkedHashMap<>(expressions);
        known.putIfAbsent("github.workspace", workspace.toString());
        Files.createDirectories(runnerTemp);
        Path script = Files.writeString(runnerTemp.resolve(job + "-" + stepId + ".sh"), wf.step(job, stepId).get("run").asString());
        Path output = Files.writeString(runnerTemp.resolve("github-output"), "");
        Path summary = Files.writeString(runnerTemp.resolve("step-summary.md"), "");
        Command bash = Command.of("bash", "--noprofile", "--norc", "-e", script.toString()).in(workspace)
                .withEnv("GITHUB_WORKSPACE", workspace.toString())
                .withEnv("GITHUB_OUTPUT", output.toString())
                .withEnv("GITHUB_STEP_SUMMARY", summary.toString())
                .withTimeout(Duration.ofMinutes(2));
        for (Map.Entry<String, String> e : wf.env(job, stepId).entrySet()) {
            bash = bash.withEnv(e.getKey(), resolve(e.getKey(), e.getValue(), known));
        }
        CommandResult result = bash.run();
        Map<String, String> outputs = new LinkedHashMap<>();
        for (String line : Files.readAllLines(output)) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                outputs.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new StepRun(result, outputs, Files.readString(summary));
    }

    private static String resolve(String name, String value, Map<String, String> known) {
        Matcher m = EXPRESSION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String v = known.get(m.group(1));
            if (v == null) {
                throw new AssertionError("env " + name + ": " + value + " uses ${{ " + m.group(1) + " }}, which the test gives no value"
                        + " (known: " + known.keySet() + ")");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(v));
        }
        return m.appendTail(out).toString();
    }

    int exitCode() {
        return result.exitCode();
    }

    /** For assertion messages: the command, its exit code, its output, the summary. */
    String describe() {
        return result.describe() + "\nstep summary:\n" + summary;
    }
}
