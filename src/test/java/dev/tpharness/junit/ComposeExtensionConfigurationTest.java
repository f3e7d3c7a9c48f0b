package dev.tpharness.junit;

import static dev.tpharness.testsupport.EngineRuns.configurationFailureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.tpharness.compose.ComposeStack;

/** Misconfigurations fail before Docker is touched, naming annotation, element, value and fix. */
class ComposeExtensionConfigurationTest {

    @DockerCompose(file = "no/such/compose.yaml")
    static class MissingFile {
        @Test
        void test() {
        }
    }

    static class WrongFieldType {
        @DockerCompose(file = "src/test/resources/compose/ticker.yaml")
        static String stack;

        @Test
        void test() {
        }
    }

    static class FinalField {
        @DockerCompose(file = "src/test/resources/compose/ticker.yaml")
        final ComposeStack stack = null;

        @Test
        void test() {
        }
    }

    @DockerCompose(file = "src/test/resources/compose/ticker.yaml", upTimeoutSeconds = 0)
    static class ZeroUpTimeout {
        @Test
        void test() {
        }
    }

    @Test
    void aMissingFileNamesTheAnnotationTheElementTheValueAndWhereItLooked() {
        assertThat(configurationFailureOf(MissingFile.class))
                .startsWith("@DockerCompose on class " + MissingFile.class.getName())
                .contains("element 'file' = \"no/such/compose.yaml\" does not name a file")
                .contains("looked for " + Path.of("no/such/compose.yaml").toAbsolutePath())
                .contains("To fix");
    }

    @Test
    void aFieldOfTheWrongTypeSaysWhichTypeItMustBe() {
        assertThat(configurationFailureOf(WrongFieldType.class))
                .contains("@DockerCompose on field " + WrongFieldType.class.getName() + ".stack")
                .contains("type is java.lang.String")
                .contains("declare it as `ComposeStack stack;`");
    }

    @Test
    void aFinalFieldIsRejected() {
        assertThat(configurationFailureOf(FinalField.class)).contains("field is final").contains("remove 'final'");
    }

    @Test
    void aZeroUpTimeoutIsRejected() {
        assertThat(configurationFailureOf(ZeroUpTimeout.class))
                .contains("element 'upTimeoutSeconds' must be positive, found 0")
                .contains("upTimeoutSeconds = 10");
    }

    @Test
    void theBuilderNeedsAFileThatExists() {
        assertThatThrownBy(() -> ComposeExtension.builder().build())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("no compose file").hasMessageContaining(".file(Path.of(");
        assertThatThrownBy(() -> ComposeExtension.builder().file(Path.of("missing.yaml")).build())
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageContaining("\"missing.yaml\" does not name a file");
        assertThatThrownBy(() -> ComposeExtension.builder().file(Path.of("pom.xml")).upTimeout(Duration.ZERO).build())
                .hasMessageContaining("upTimeout must be positive, found PT0S");
    }

    @Test
    void aCorrectDeclarationPassesValidation() {
        DockerCompose annotation = Correct.class.getAnnotation(DockerCompose.class);

        StackDeclaration declaration = StackDeclaration.of(annotation, "class Correct");

        assertThat(declaration.stopTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(declaration.file().get().serviceNames()).containsExactly("ticker");
    }

    @DockerCompose(file = "src/test/resources/compose/ticker.yaml", stopTimeoutSeconds = 3)
    static class Correct {
    }
}
