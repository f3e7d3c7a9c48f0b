package dev.tpharness.tp0.grading.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What an exercise was graded on, exactly: the branch and its commit, or the working tree, its base commit and whether it was changed. */
class Tp0TargetTest {

    @TempDir
    Path dir;

    private static String git(Path repo, String... args) {
        return Tp0FixtureRepos.git(repo, args).stdout().strip();
    }

    @Test
    void aBranchIsNamedWithItsFullCommitIdAndDate() {
        Path repo = Tp0FixtureRepos.create(dir, "generator-rejects-0-in-ej1");
        Tp0Target target = Tp0Target.resolve(Optional.of(repo.toString()), dir, dir.resolve("work"));

        Checkout ej1 = target.checkout("ej1");
        Checkout ej2 = target.checkout("ej2");

        assertThat(ej1.gradedOn()).isEqualTo("branch ej1 at " + git(repo, "rev-parse", "ej1") + " (" + git(repo, "log", "-1", "--format=%cI", "ej1") + ")");
        assertThat(ej2.gradedOn()).startsWith("branch ej2 at " + git(repo, "rev-parse", "ej2") + " (");
        assertThat(git(repo, "rev-parse", "ej1")).as("the fixture's ej1 carries its own commit").isNotEqualTo(git(repo, "rev-parse", "ej2"));
        assertThat(ej1.source()).as("messages keep the short form").isEqualTo("branch ej1");
    }

    @Test
    void aWorkingTreeNamesItsBaseCommitAndWhetherItWasChanged() throws Exception {
        Path repo = Tp0FixtureRepos.create(dir, Tp0FixtureRepos.CORRECT);
        for (String b : Tp0FixtureRepos.EXERCISE_BRANCHES) {
            git(repo, "branch", "-D", b);
        }
        String head = git(repo, "rev-parse", "HEAD");

        Checkout clean = Tp0Target.resolve(Optional.of(repo.toString()), dir, dir.resolve("work")).checkout("ej1");
        Files.writeString(repo.resolve("NOTES.md"), "not committed\n");
        Checkout changed = Tp0Target.resolve(Optional.of(repo.toString()), dir, dir.resolve("work")).checkout("ej1");

        assertThat(clean.gradedOn()).startsWith("working tree (no branch ej1) on " + head + " (").doesNotContain("uncommitted");
        assertThat(changed.gradedOn()).startsWith("working tree (no branch ej1) on " + head + " (").endsWith("), with uncommitted changes");
    }
}
