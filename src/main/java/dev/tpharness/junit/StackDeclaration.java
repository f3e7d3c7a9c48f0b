package dev.tpharness.junit;

import java.lang.annotation.Annotation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;

/** One declared stack, validated: where it was declared (for messages) and how to make it. */
record StackDeclaration(String where, Supplier<ComposeFile> file, boolean isolated, boolean build,
                        Duration stopTimeout, Duration upTimeout, HarnessSettings settings) {

    /** @param runSettings the JUnit run's settings, used unless the declaration names its own */
    ComposeStack start(HarnessSettings runSettings) {
        ComposeFile compose = file.get();
        ComposeStack.Builder builder = isolated ? ComposeStack.isolated(compose) : ComposeStack.courseFaithful(compose);
        ComposeStack stack = builder.settings(settings != null ? settings : runSettings).stopTimeout(stopTimeout).upTimeout(upTimeout).build();
        try {
            return stack.up(build);
        } catch (RuntimeException e) {
            try {
                stack.close(); // up() takes down what it started; this only covers a stack left up by a surprise
            } catch (RuntimeException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * A stack annotation (one meta-annotated with {@link StackSourcedBy}) as its source defines it,
     * with the common options validated.
     *
     * @param where {@code "class x.Y"} or {@code "field x.Y.stack"}
     */
    static StackDeclaration of(Annotation annotation, String where) {
        String declared = "@" + annotation.annotationType().getSimpleName() + " on " + where;
        StackDefinition d = StackSources.define(annotation, declared);
        return new StackDeclaration(declared, d.composeFile(), d.isolated(), d.build(),
                seconds(d.stopTimeoutSeconds(), declared, "stopTimeoutSeconds", true),
                seconds(d.upTimeoutSeconds(), declared, "upTimeoutSeconds", false), null);
    }

    static Path existingFile(String value, String declared) {
        if (value == null || value.isBlank()) {
            throw new ExtensionConfigurationException(declared + ": element 'file' is empty. To fix, name a compose file,"
                    + " e.g. file = \"docker-compose-dev.yaml\" (relative to the working directory " + cwd() + ").");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ExtensionConfigurationException(declared + ": element 'file' = \"" + value + "\" does not name a file"
                    + " (looked for " + path + "). Relative paths are resolved against the working directory " + cwd()
                    + " (with Maven, the module folder). To fix, correct the path or make it absolute.");
        }
        return path;
    }

    static Duration seconds(int value, String declared, String element, boolean zeroAllowed) {
        if (value < 0 || (value == 0 && !zeroAllowed)) {
            throw new ExtensionConfigurationException(declared + ": element '" + element + "' must be "
                    + (zeroAllowed ? "0 or more" : "positive") + ", found " + value + ". To fix, give a number of seconds, e.g. "
                    + element + " = 10.");
        }
        return Duration.ofSeconds(value);
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }
}
