package dev.tpharness.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ComposeFileException;
import dev.tpharness.tp0.grading.support.Tp0Target;
import dev.tpharness.tp0.grading.support.Tp0TargetException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is named: the file and the line, the setting and the value, the path and what is wrong with it. */
class BadInputTest {

    @TempDir
    Path dir;

    @Test
    void malformedComposeYamlNamesFileAndLine() throws Exception {
        Path file = Files.writeString(dir.resolve("docker-compose-dev.yaml"), "services:\n  server:\n    image: [alpine\n  client: {\n");
        assertThatThrownBy(() -> ComposeFile.read(file)).isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(file + ":")
                .hasMessageMatching("(?s).*docker-compose-dev\\.yaml:[3-5]: not valid YAML.*");
    }

    @Test
    void composeFileThatIsNotAMappingIsNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("c.yaml"), "- just\n- a list\n");
        assertThatThrownBy(() -> ComposeFile.read(file)).hasMessageContaining(file + ": the top level of a compose file must be a mapping");
    }

    @Test
    void repositoryThatDoesNotExist() {
        Path missing = dir.resolve("no-such-repo");
        assertThatThrownBy(() -> Tp0Target.resolve(Optional.of(missing.toString()), dir, dir.resolve("work")))
                .isInstanceOf(Tp0TargetException.class).hasMessageContaining(missing + " does not exist");
    }

    @Test
    void repositoryThatIsAFile() throws Exception {
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> Tp0Target.resolve(Optional.of(file.toString()), dir, dir.resolve("work")))
                .hasMessageContaining(file + " is not a folder");
    }

    @Test
    void thisRepositoryGivenByItsPathIsTheReferenceSolution() throws Exception {
        Path project = Files.createDirectories(dir.resolve("project"));
        Files.createDirectories(project.resolve("target/tp0"));
        Files.writeString(project.resolve("target/tp0/tp0-app.jar"), "built");
        Tp0Target byPath = Tp0Target.resolve(Optional.of(project.resolve(".").toString()), project, dir.resolve("work"));
        assertThat(byPath.isEmbeddedDefault()).as("%s", byPath.describe()).isTrue();
        assertThat(Tp0Target.resolve(Optional.empty(), project, dir.resolve("work")).isEmbeddedDefault()).isTrue();
    }

    @Test
    void folderThatIsNotAGitRepository() throws Exception {
        Path plain = Files.createDirectories(dir.resolve("plain"));
        assertThatThrownBy(() -> Tp0Target.resolve(Optional.of(plain.toString()), dir, dir.resolve("work")))
                .hasMessageContaining(plain + " is not a git repository").hasMessageContaining("give the folder of a clone");
    }

    @Test
    void garbageSystemPropertiesAreNamedWithTheirValue() {
        ComposeFile f = ComposeFile.parse("services:\n  a:\n    image: alpine:3.20\n", null);
        assertThatThrownBy(() -> ComposeStack.isolated(f).settings(HarnessSettings.defaults().with("tp.docker.pullTimeout", "soon")))
                .hasMessageContaining("tp.docker.pullTimeout=soon is not a duration; use e.g. 30s");
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.pull.timeout", "soon"))
                .as("the older name is read too, and named in the error").hasMessageContaining("tp.pull.timeout=soon is not a duration");
        assertThatThrownBy(() -> HarnessSettings.defaults().with("tp.limits.log.maxFiles", "x"))
                .hasMessageContaining("log.maxFiles=x");
        assertThatThrownBy(() -> HarnessSettings.from(key -> java.util.Optional.ofNullable(key.equals("tp.docker.apiTimeout") ? "-5s" : null)))
                .hasMessageContaining("tp.docker.apiTimeout=-5s is not a duration");
    }
}
