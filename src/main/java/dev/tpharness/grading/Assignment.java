package dev.tpharness.grading;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An assignment the grader can grade: its exercises (each a JUnit suite of tiered checks), what a
 * gradable repository is, and how its suites are told which repository to grade. The grading kit
 * (command line, reports, class batch, merge, CI matrix) knows nothing else about it.
 *
 * <p>Found with {@link java.util.ServiceLoader}: an assignment jar lists its implementation in
 * {@code META-INF/services/dev.tpharness.grading.Assignment}, and {@code grade.sh --assignment NAME}
 * chooses it ({@code --list-assignments} lists what is on the class path). Implementations need a
 * public no-argument constructor and must be stateless: one instance may grade many repositories
 * at once.
 *
 * <pre>{@code
 * public final class LineCounterAssignment implements Assignment {
 *     public String name() { return "counter"; }
 *     public String title() { return "Line counter"; }
 *     public List<Exercise> exercises() { return List.of(new Exercise("count", CountChecks.class, "answers each line with its length")); }
 *     public Map<String, String> parameters(Optional<Path> repository, Path runDir) {
 *         return Map.of("counter.repo", repository.map(Path::toString).orElse(""), "counter.runDir", runDir.toString());
 *     }
 * }
 * }</pre>
 */
public interface Assignment {

    /**
     * The name {@code --assignment} takes and reports carry: lowercase letters, digits and
     * {@code -}, starting with a letter (e.g. {@code tp0}).
     */
    String name();

    /** A title for reports, e.g. {@code TP0 part 1 (ej1-ej4): echo server and clients}. */
    String title();

    /**
     * The exercises in order. Each exercise's {@link Exercise#name()} is also the JUnit tag its
     * suite carries ({@code @Tag("ej1")}): the reports find a check's exercise by that tag.
     */
    List<Exercise> exercises();

    /**
     * The configuration parameters that tell this assignment's suites what to grade and where to
     * leave their evidence and work copies.
     *
     * @param repository the folder to grade (only read); empty: the assignment's own reference solution
     * @param runDir     a folder of this grading's own for evidence and work copies
     */
    Map<String, String> parameters(Optional<Path> repository, Path runDir);

    /**
     * Says once, before any check runs, why {@code repository} cannot be graded at all (not a
     * repository of this assignment, nothing to grade in it): an {@link IllegalArgumentException}
     * whose message is the reason, shown as the repository's ERROR. The default accepts every folder.
     *
     * @param repository the folder given, or the clone of a git URL (only read)
     * @param workDir    a folder of this grading's own, if the check needs to write
     */
    default void checkGradable(Path repository, Path workDir) {
    }

    /**
     * What grading with no repository grades, for messages ({@code the reference solution}); empty
     * when the assignment has none, and then a repository must be given.
     */
    default Optional<String> reference() {
        return Optional.of("the reference solution");
    }

    /** Every exercise name, in order. */
    default List<String> exerciseNames() {
        return exercises().stream().map(Exercise::name).toList();
    }

    /** The exercise of that name. */
    default Optional<Exercise> exercise(String name) {
        return exercises().stream().filter(e -> e.name().equals(name)).findFirst();
    }
}
