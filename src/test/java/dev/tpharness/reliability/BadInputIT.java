package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.Docker;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ComposeFileException;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input fails clearly and only where it is: a branch ej3 whose server Dockerfile does not build
 * fails the ej3 checks that need its images (naming the Dockerfile), and the other exercises still
 * run and pass; a compose file naming a missing bind source fails before Docker creates anything.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class BadInputIT {

    @TempDir
    Path dir;

    @Test
    void aBranchEj3ThatDoesNotBuildFailsOnlyEj3() throws Exception {
        Path repo = Tp0FixtureRepos.create(dir, Tp0FixtureRepos.CORRECT);
        Grading.commitOnBranch(repo, "ej3", "server/Dockerfile", "FROM alpine:3.20\nCOPY server/no-such-file.sh /app/\n", false);
        Grading.Outcome outcome = Grading.run(repo, dir, Map.of(), "dev.tpharness.tp0.grading.Ej2Checks",
                "dev.tpharness.tp0.grading.Ej3Checks", "dev.tpharness.tp0.grading.Ej4Checks");
        assertThat(outcome.failed()).as("failed checks").isNotEmpty().allSatisfy((name, message) -> {
            assertThat(name).contains("Ej3Checks");
            assertThat(message).contains("the server image of ej3 (branch ej3) does not build").contains("no-such-file.sh");
        });
        assertThat(outcome.failed().keySet()).anySatisfy(n -> assertThat(n).contains("successAgainstTheSolutionsServer"))
                .anySatisfy(n -> assertThat(n).contains("echoesAShortLine"));
        assertThat(outcome.passed().keySet()).as("ej2 and ej4 still run and pass")
                .anySatisfy(n -> assertThat(n).startsWith("Ej2Checks")).anySatisfy(n -> assertThat(n).startsWith("Ej4Checks"))
                .filteredOn(n -> n.startsWith("Ej2Checks") || n.startsWith("Ej4Checks")).hasSize(11); // ej2: 3 checks, ej4: 8
    }

    @Test
    void aMissingBindSourceFailsBeforeDockerRuns() throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose.yaml"), """
                services:
                  server:
                    image: alpine:3.20
                    pull_policy: never
                    volumes: ["./server/config.ini:/config.ini"]
                """);
        ComposeStack stack = ComposeStack.isolated(ComposeFile.read(file)).build();
        assertThatThrownBy(stack::up).isInstanceOf(ComposeFileException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("service 'server': bind mount source " + dir.resolve("server/config.ini") + " does not exist");
        assertThat(Docker.labelled("container", "com.docker.compose.project=" + stack.project())).isEmpty();
        assertThat(dir.resolve("server")).as("nothing created in the folder either").doesNotExist();
    }
}
