package dev.tpharness.tp0.junit;

import static dev.tpharness.testsupport.EngineRuns.configurationFailureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.api.parallel.Resources;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.junit.StackDefinition;
import dev.tpharness.tp0.compose.Tp0ComposeGenerator;

/** {@code @Tp0Stack} read by its source: the generator's file with the images and root it names, every element checked. */
class Tp0StackSourceTest {

    private static final String DECLARED = "@Tp0Stack on class X";

    @Tp0Stack(clients = 2, directory = "src", serverImage = "registry/team/server:1.0", clientImage = "team-client:2",
            isolated = false, build = true, stopTimeoutSeconds = 3, upTimeoutSeconds = 60)
    static class Everything {
    }

    @Tp0Stack
    static class Defaults {
    }

    @Tp0Stack(clients = -2)
    static class NegativeClients {
        @Test
        void test() {
        }
    }

    @Tp0Stack(clients = Tp0ComposeGenerator.MAX_CLIENTS + 1)
    static class TooManyClients {
    }

    @Tp0Stack(serverImage = "server latest")
    static class ImageWithSpace {
    }

    @Tp0Stack(clientImage = "")
    static class EmptyImage {
    }

    @Tp0Stack(directory = "no/such/folder")
    static class MissingDirectory {
    }

    @Test
    void aNegativeClientCountFailsTheClassBeforeDocker() {
        assertThat(configurationFailureOf(NegativeClients.class))
                .startsWith("@Tp0Stack on class " + NegativeClients.class.getName())
                .contains("element 'clients' must be 0 or more, found -2")
                .contains("e.g. @Tp0Stack(clients = 3)");
    }

    @Test
    void moreClientsThanTheGeneratorMakesAreRejected() {
        assertThatThrownBy(() -> define(TooManyClients.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith(DECLARED + ": element 'clients' must be at most " + Tp0ComposeGenerator.MAX_CLIENTS
                        + ", found " + (Tp0ComposeGenerator.MAX_CLIENTS + 1));
    }

    @Test
    void theGeneratedFileHasTheServerAndTheClientsWithTheImagesNamed() {
        ComposeFile file = define(Everything.class).composeFile().get();

        assertThat(file.serviceNames()).containsExactly("server", "client1", "client2");
        assertThat(file.service("server").path("image").asString()).isEqualTo("registry/team/server:1.0");
        assertThat(file.service("client2").path("image").asString()).isEqualTo("team-client:2");
    }

    @Test
    void pathsResolveAgainstTheDirectory() {
        ComposeFile file = define(Everything.class).composeFile().get();

        assertThat(file.source()).contains(Path.of("src").toAbsolutePath().resolve("docker-compose-dev.yaml"));
    }

    @Test
    void theCommonOptionsAreHandedOn() {
        StackDefinition d = define(Everything.class);

        assertThat(d.isolated()).isFalse();
        assertThat(d.build()).isTrue();
        assertThat(d.stopTimeoutSeconds()).isEqualTo(3);
        assertThat(d.upTimeoutSeconds()).isEqualTo(60);
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void byDefaultOneClientOfTheCourseImagesRunsIsolatedFromTheWorkingDirectory() {
        String before = System.clearProperty("tp.project.root");
        try {
            StackDefinition d = define(Defaults.class);
            ComposeFile file = d.composeFile().get();

            assertThat(file.serviceNames()).containsExactly("server", "client1");
            assertThat(file.service("server").path("image").asString()).isEqualTo("server:latest");
            assertThat(file.service("client1").path("image").asString()).isEqualTo("client:latest");
            assertThat(file.source()).contains(Path.of("").toAbsolutePath().resolve("docker-compose-dev.yaml"));
            assertThat(d).usingRecursiveComparison().ignoringFields("composeFile").isEqualTo(StackDefinition.of(ComposeFile::empty));
        } finally {
            restore(before);
        }
    }

    @Test
    @ResourceLock(Resources.SYSTEM_PROPERTIES)
    void withoutADirectoryTheProjectRootPropertyIsTheRoot() {
        String before = System.setProperty("tp.project.root", "src/test");
        try {
            assertThat(define(Defaults.class).composeFile().get().source())
                    .contains(Path.of("src/test").toAbsolutePath().resolve("docker-compose-dev.yaml"));
        } finally {
            restore(before);
        }
    }

    @Test
    void aDirectoryThatIsNoFolderIsNamedWithWhatItGives() {
        assertThatThrownBy(() -> define(MissingDirectory.class))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith(DECLARED + ": element 'directory' = \"no/such/folder\" gives "
                        + Path.of("no/such/folder").toAbsolutePath() + ", which is not a folder")
                .hasMessageContaining("To fix, name the TP0 repository root");
    }

    @Test
    void anImageReferenceWithWhitespaceOrNothingIsRejected() {
        assertThatThrownBy(() -> define(ImageWithSpace.class))
                .hasMessageStartingWith(DECLARED + ": element 'serverImage' = \"server latest\" is not an image reference");
        assertThatThrownBy(() -> define(EmptyImage.class))
                .hasMessageStartingWith(DECLARED + ": element 'clientImage' = \"\" is not an image reference")
                .hasMessageContaining("To fix, name an image such as \"server:latest\"");
    }

    private static StackDefinition define(Class<?> declaring) {
        return new Tp0StackSource().define(declaring.getAnnotation(Tp0Stack.class), DECLARED);
    }

    private static void restore(String before) {
        if (before == null) {
            System.clearProperty("tp.project.root");
        } else {
            System.setProperty("tp.project.root", before);
        }
    }
}
