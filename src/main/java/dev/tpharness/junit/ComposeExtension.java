package dev.tpharness.junit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;

/**
 * A compose stack for tests, configured in code, for what the annotations cannot say (a
 * generated or edited compose file, timeouts in Duration):
 *
 * <pre>{@code
 * class EchoTest {
 *     @RegisterExtension
 *     static ComposeExtension compose = ComposeExtension.builder()
 *             .composeFile(() -> ComposeFile.read(Path.of("docker-compose-dev.yaml")))
 *             .stopTimeout(Duration.ofSeconds(15))
 *             .build();
 *
 *     @Test
 *     void echoes(ComposeStack stack) { ... }
 * }
 * }</pre>
 *
 * <p>In a {@code static} field the stack serves the whole class (and its {@code @Nested}
 * classes); in an instance field each test gets its own. Failure evidence as with
 * {@link DockerCompose}. The extension itself holds only its immutable configuration, so one
 * instance is safe with parallel execution.
 */
public final class ComposeExtension implements BeforeAllCallback, BeforeEachCallback, StackParameterSupport {

    private final StackDeclaration declaration;

    private ComposeExtension(StackDeclaration declaration) {
        this.declaration = declaration;
    }

    /** A builder; {@link Builder#file(Path)} or {@link Builder#composeFile(Supplier)} is required. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        StackScopes.start(context, this, this, declaration);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (StackScopes.find(context, this).isEmpty()) {
            StackScopes.start(context, this, this, declaration);
        }
    }

    @Override
    public String toString() {
        return declaration.where();
    }

    /** Immutable once built; every setting but the file has a default. */
    public static final class Builder {
        private Supplier<ComposeFile> file;
        private String fileDescription;
        private boolean isolated = true;
        private boolean buildImages;
        private Duration stopTimeout = ComposeStack.DEFAULT_STOP_TIMEOUT;
        private Duration upTimeout = ComposeStack.DEFAULT_UP_TIMEOUT;
        private HarnessSettings settings;

        private Builder() {
        }

        /** A compose file on disk (relative to the working directory); checked in {@link #build()}. */
        public Builder file(Path composeFile) {
            Objects.requireNonNull(composeFile, "composeFile");
            this.fileDescription = composeFile.toString();
            this.file = () -> ComposeFile.read(composeFile);
            return this;
        }

        /** A compose file made in code, called once per stack start (give it a source for relative paths). */
        public Builder composeFile(Supplier<ComposeFile> composeFile) {
            this.file = Objects.requireNonNull(composeFile, "composeFile");
            this.fileDescription = "a ComposeFile supplier";
            return this;
        }

        /** See {@link DockerCompose#isolated()}; default {@code true}. */
        public Builder isolated(boolean isolated) {
            this.isolated = isolated;
            return this;
        }

        /** Rebuild images on start ({@code up --build}); default {@code false}. */
        public Builder buildImages(boolean buildImages) {
            this.buildImages = buildImages;
            return this;
        }

        /** Grace period of the final {@code down}; default 10 s. */
        public Builder stopTimeout(Duration stopTimeout) {
            this.stopTimeout = Objects.requireNonNull(stopTimeout, "stopTimeout");
            return this;
        }

        /** Limit for {@code up}, builds included; default 5 min. */
        public Builder upTimeout(Duration upTimeout) {
            this.upTimeout = Objects.requireNonNull(upTimeout, "upTimeout");
            return this;
        }

        /**
         * The harness settings of this stack. Default: the JUnit run's (configuration parameters,
         * then system properties; see {@link HarnessSettings}).
         */
        public Builder settings(HarnessSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /**
         * @throws ExtensionConfigurationException when no file was given, the file does not exist,
         *     or a timeout is not positive
         */
        public ComposeExtension build() {
            String where = "ComposeExtension.builder()";
            if (file == null) {
                throw new ExtensionConfigurationException(where + ": no compose file. To fix, call .file(Path.of(\"docker-compose.yaml\"))"
                        + " or .composeFile(() -> ComposeFile.read(...)) before build().");
            }
            if (fileDescription != null && !fileDescription.equals("a ComposeFile supplier")) {
                StackDeclaration.existingFile(fileDescription, where + ".file(...)");
            }
            if (stopTimeout.isNegative()) {
                throw new ExtensionConfigurationException(where + ": stopTimeout must be 0 or more, found " + stopTimeout);
            }
            if (upTimeout.isZero() || upTimeout.isNegative()) {
                throw new ExtensionConfigurationException(where + ": upTimeout must be positive, found " + upTimeout);
            }
            return new ComposeExtension(new StackDeclaration("ComposeExtension(" + fileDescription + ")", file, isolated, buildImages,
                    stopTimeout, upTimeout, settings));
        }
    }
}
