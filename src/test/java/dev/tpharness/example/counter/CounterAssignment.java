package dev.tpharness.example.counter;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.grading.Assignment;
import dev.tpharness.grading.Exercise;

/**
 * An example assignment written on the grading kit as a course writes its own (see
 * docs/writing-an-assignment.md): a repository holds {@code docker-compose.yaml} with a service
 * {@code counter} on TCP 9000 that answers each line with its length and stops with exit 0 on
 * SIGTERM. Not part of the grader jar: it is packed into a jar of its own, with its
 * {@code META-INF/services} file, and given to {@code grade.sh --assignment-jar}.
 */
public final class CounterAssignment implements Assignment {

    /** Configuration parameter: the folder of the repository to grade. */
    static final String REPOSITORY = "counter.repository";
    /** Configuration parameter: the folder of this grading's evidence and rewritten compose files. */
    static final String RUN_DIR = "counter.runDir";

    @Override
    public String name() {
        return "counter";
    }

    @Override
    public String title() {
        return "Line counter (example assignment)";
    }

    @Override
    public List<Exercise> exercises() {
        return List.of(new Exercise("count", CountChecks.class, "a TCP service that answers each line with its length"));
    }

    @Override
    public Map<String, String> parameters(Optional<Path> repository, Path runDir) {
        Map<String, String> p = new LinkedHashMap<>();
        repository.ifPresent(r -> p.put(REPOSITORY, r.toString()));
        p.put(RUN_DIR, runDir.toString());
        return p;
    }

    @Override
    public void checkGradable(Path repository, Path workDir) {
        if (CounterSolution.composeFileOf(repository).isEmpty()) {
            throw new IllegalArgumentException(repository + " has no docker-compose.yaml (nor .yml) at its root: it is not a solution of"
                    + " the counter assignment");
        }
    }

    /** No reference solution ships with the grader: a repository must be given. */
    @Override
    public Optional<String> reference() {
        return Optional.empty();
    }
}
