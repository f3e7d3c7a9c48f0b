package dev.tpharness.junit;

import java.util.Objects;
import java.util.function.Supplier;

import dev.tpharness.compose.model.ComposeFile;

/**
 * What a {@link StackSource} declares: the compose file and the options every stack annotation
 * has. The extension validates the options and names them as the annotation elements
 * {@code isolated}, {@code build}, {@code stopTimeoutSeconds} and {@code upTimeoutSeconds} in its
 * messages, so an annotation should call its elements so (see {@link DockerCompose} for their
 * meaning and defaults).
 *
 * @param composeFile makes the compose file, once per stack start; give the file a source
 *     ({@link ComposeFile#withSource}) so that relative paths in it resolve
 * @param isolated see {@link DockerCompose#isolated()}
 * @param build see {@link DockerCompose#build()}
 * @param stopTimeoutSeconds see {@link DockerCompose#stopTimeoutSeconds()}; 0 or more
 * @param upTimeoutSeconds see {@link DockerCompose#upTimeoutSeconds()}; positive
 */
public record StackDefinition(Supplier<ComposeFile> composeFile, boolean isolated, boolean build,
                              int stopTimeoutSeconds, int upTimeoutSeconds) {

    public StackDefinition {
        Objects.requireNonNull(composeFile, "composeFile");
    }

    /** The file with the defaults of {@link DockerCompose}: isolated, no build, 10 s to stop, 300 s to start. */
    public static StackDefinition of(Supplier<ComposeFile> composeFile) {
        return new StackDefinition(composeFile, true, false, 10, 300);
    }
}
