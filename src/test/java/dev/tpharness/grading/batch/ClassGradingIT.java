package dev.tpharness.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class with a repository given by git URL (cloned into its folder, the clone removed after)
 * and one that does not exist: the first is graded, the second is an ERROR, neither stops the other.
 */
class ClassGradingIT {

    @TempDir
    Path dir;

    @Test
    void aClonedRepositoryIsGradedWhileAMissingOneIsAnError() throws Exception {
        Path repo = Tp0FixtureRepos.create(Files.createDirectories(dir.resolve("repos")), Tp0FixtureRepos.CORRECT);
        List<Student> students = List.of(new Student("cloned", "file://" + repo), new Student("ghost", dir.resolve("missing").toString()));
        ByteArrayOutputStream console = new ByteArrayOutputStream();
        ClassGrading grading = new ClassGrading(new ClassGrading.Settings(new dev.tpharness.tp0.grading.Tp0Part1(), List.of("ej1"), false, 2, dir.resolve("out"), Map.of(), "exercises"),
                new PrintStream(console, true, StandardCharsets.UTF_8));

        List<StudentResult> results = grading.grade(students);

        String progress = console.toString(StandardCharsets.UTF_8);
        assertThat(results).extracting(StudentResult::name, StudentResult::verdict)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("cloned", "PASS"), org.assertj.core.groups.Tuple.tuple("ghost", "ERROR"));
        assertThat(results.get(0).exercises()).singleElement().satisfies(e -> {
            assertThat(e.exercise()).isEqualTo("ej1");
            assertThat(e.requiredFailed()).isZero();
            assertThat(e.requiredTotal()).isPositive();
        });
        assertThat(results.get(1).error()).contains("does not exist");
        assertThat(progress).contains("[cloned] ej1: PASS", "cloned: COURSE REQUIREMENTS MET", "ghost: NOT GRADED");
        assertThat(dir.resolve("out/cloned/repo")).as("the clone is removed after grading").doesNotExist();
        assertThat(dir.resolve("out/cloned/report.md")).content().contains("COURSE REQUIREMENTS MET");
        assertThat(dir.resolve("out/cloned/junit.xml")).content().contains("<testsuite name=\"cloned.ej1\"");
        assertThat(repo.resolve(".git")).as("the graded repository is only read").isDirectory();
    }
}
