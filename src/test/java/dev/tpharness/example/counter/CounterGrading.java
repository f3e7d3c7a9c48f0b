package dev.tpharness.example.counter;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.grading.report.GradeReportListener;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/**
 * Gives each check a {@link CounterSolution} of the repository named by the configuration
 * parameters that {@link CounterAssignment#parameters} returns (the grader passes them to the
 * launcher). The solution lives in the check's store and JUnit closes it (its stack goes down)
 * when the check ends; a failed check first writes its stack's logs and states into
 * {@code <runDir>/<exercise>/<check>/} and its message says where.
 */
public final class CounterGrading implements ParameterResolver, TestExecutionExceptionHandler {

    private static final Namespace NS = Namespace.create(CounterGrading.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == CounterSolution.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Path repository = context.getConfigurationParameter(CounterAssignment.REPOSITORY).filter(v -> !v.isBlank()).map(Path::of)
                .orElseThrow(() -> new ExtensionConfigurationException("no repository to grade: configuration parameter "
                        + CounterAssignment.REPOSITORY + " is not set. To fix, grade with ./grade.sh --assignment-jar counter.jar"
                        + " --assignment counter REPO (or -D" + CounterAssignment.REPOSITORY + "=REPO in a test run)"));
        // the harness settings of this run (-Dtp.docker.pullTimeout=0 ...), and the run's own folder for rewritten files
        HarnessSettings settings = HarnessSettings.from(context::getConfigurationParameter);
        Optional<Path> runDir = runDir(context);
        if (runDir.isPresent()) {
            settings = settings.with(HarnessSettings.OUTPUT_DIR, runDir.get().toString());
        }
        // for the report: what was graded (its "Target:" line) and, per exercise, on what ("graded on")
        context.publishReportEntry(Map.of(GradeReportListener.DESCRIPTION_ENTRY, repository.toString(),
                GradeReportListener.SOURCE_ENTRY_PREFIX + exercise(context), "working tree, " + CounterSolution.composeFileOf(repository)
                        .map(f -> f.getFileName().toString()).orElse("no docker-compose.yaml")));
        CounterSolution solution = new CounterSolution(repository, settings);
        context.getStore(NS).put(CounterSolution.class, solution); // an AutoCloseable: JUnit closes it after the check
        return solution;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        CounterSolution solution = context.getStore(NS).get(CounterSolution.class, CounterSolution.class);
        if (solution == null || failure instanceof TestAbortedException) {
            throw failure; // NOT RUN: nothing of the solution's to keep
        }
        Path dir = runDir(context).orElse(Path.of("target", "counter-evidence")).resolve(exercise(context))
                .resolve(context.getDisplayName().replaceAll("[^A-Za-z0-9._-]+", "_"));
        List<Path> written;
        try {
            written = solution.writeEvidence(dir);
        } catch (RuntimeException e) {
            failure.addSuppressed(e);
            throw failure;
        }
        throw written.isEmpty() ? failure : withNote(failure, "[evidence: logs and states in " + dir + "]");
    }

    /** The same failure, its message followed by {@code note}; an assertion keeps its type and its expected and actual values. */
    static Throwable withNote(Throwable failure, String note) {
        String message = (failure.getMessage() == null ? failure.toString() : failure.getMessage()) + "\n" + note;
        Throwable noted;
        if (failure instanceof AssertionFailedError f && f.isExpectedDefined() && f.isActualDefined()) {
            noted = new AssertionFailedError(message, f.getExpected().getValue(), f.getActual().getValue(), f);
        } else if (failure instanceof AssertionError) {
            noted = new AssertionError(message, failure);
        } else {
            failure.addSuppressed(new RuntimeException(note));
            return failure;
        }
        noted.setStackTrace(failure.getStackTrace());
        return noted;
    }

    private static Optional<Path> runDir(ExtensionContext context) {
        return context.getConfigurationParameter(CounterAssignment.RUN_DIR).filter(v -> !v.isBlank()).map(Path::of);
    }

    /** The exercise: the tag of the check's class. */
    private static String exercise(ExtensionContext context) {
        return context.getTags().stream().findFirst().orElse("count");
    }
}
