package dev.tpharness.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.grading.Assignment;
import dev.tpharness.grading.Exercise;
import dev.tpharness.grading.Required;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class grading with an assignment of this test's own (no Docker): what its gradability check
 * says of a repository, whether given as a folder or as a git URL, decides before any check runs.
 */
class ClassGradingTest {

    @TempDir
    Path dir;

    /** Gradable when the repository holds {@code ANSWER}; its one check always passes. */
    public static final class NeedsAnAnswer implements Assignment {
        @Override
        public String name() {
            return "answer";
        }

        @Override
        public String title() {
            return "Needs an answer";
        }

        @Override
        public List<Exercise> exercises() {
            return List.of(new Exercise("answer", AnswerChecks.class, "holds ANSWER"));
        }

        @Override
        public Map<String, String> parameters(Optional<Path> repository, Path runDir) {
            return Map.of();
        }

        @Override
        public void checkGradable(Path repository, Path workDir) {
            if (!Files.isRegularFile(repository.resolve("ANSWER"))) {
                throw new IllegalArgumentException(repository + " has no ANSWER: not a repository of this assignment");
            }
        }

        @Override
        public Optional<String> reference() {
            return Optional.empty();
        }
    }

    @Tag("answer")
    public static class AnswerChecks {
        @Test
        @Required("this test's own assignment")
        void holds() {
        }
    }

    @Test
    void aRepositoryGradedOnExercisesOfItsOwnMustNameKnownOnes() {
        ClassGrading grading = grading();
        Student own = new Student("alice", "/a", List.of("answer"));
        assertThat(grading.exercisesOf(own)).containsExactly("answer");
        assertThat(grading.exercisesOf(new Student("bob", "/b"))).containsExactly("answer");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> grading.checkExercises(List.of(own, new Student("carol", "/c", List.of("answer", "b")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("carol: b is not an exercise of answer (answer)")
                .hasMessageContaining("a path with spaces");
    }

    @Test
    void aRepositoryGivenByGitUrlIsCheckedForGradabilityAsAFolderIs() throws Exception {
        Path without = gitRepository("without", Map.of("README", "no answer here\n"));
        Path with = gitRepository("with", Map.of("ANSWER", "42\n"));
        List<Student> students = List.of(new Student("url-without", "file://" + without), new Student("url-with", "file://" + with),
                new Student("folder-without", without.toString()));

        List<StudentResult> results = grading().grade(students);

        assertThat(results).extracting(StudentResult::name, StudentResult::verdict).containsExactly(
                tuple("url-without", StudentResult.ERROR), tuple("url-with", "PASS"), tuple("folder-without", StudentResult.ERROR));
        assertThat(results.get(0).error()).as("the clone is what was checked")
                .isEqualTo(dir.resolve("out/url-without/repo") + " has no ANSWER: not a repository of this assignment");
        assertThat(results.get(0).checks()).as("no check ran on an ungradable clone").isEmpty();
        assertThat(dir.resolve("out/url-without/report.md")).content().contains("NOT GRADED", "has no ANSWER");
        assertThat(dir.resolve("out/url-without/repo")).as("the clone is removed after grading").doesNotExist();
        assertThat(results.get(2).error()).isEqualTo(without + " has no ANSWER: not a repository of this assignment");
    }

    private ClassGrading grading() {
        return new ClassGrading(new ClassGrading.Settings(new NeedsAnAnswer(), List.of("answer"), false, 2, dir.resolve("out"), Map.of(),
                "exercises"), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private Path gitRepository(String name, Map<String, String> files) throws Exception {
        Path repo = Files.createDirectories(dir.resolve("repos").resolve(name));
        for (Map.Entry<String, String> f : files.entrySet()) {
            Files.writeString(repo.resolve(f.getKey()), f.getValue());
        }
        git(repo, "init", "--quiet");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "--quiet", "-m", "files");
        return repo;
    }

    private static void git(Path repo, String... args) {
        String[] argv = new String[args.length + 1];
        argv[0] = "git";
        System.arraycopy(args, 0, argv, 1, args.length);
        CommandResult r = Command.of(argv).in(repo).withTimeout(Duration.ofSeconds(30)).run();
        assertThat(r.exitCode()).as(r.describe()).isZero();
    }
}
