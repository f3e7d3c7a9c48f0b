package dev.tpharness.compose;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the harness writes files: the setting {@code tp.output.dir}, else {@code target/tp-harness}
 * when the working directory is a Maven project, else {@code <java.io.tmpdir>/tp-harness}.
 */
public final class OutputDirectory {

    private OutputDirectory() {
    }

    /** The folder (not created here). */
    public static Path resolve() {
        return resolve(HarnessSettings.current());
    }

    /** The folder the given settings name (not created here). */
    public static Path resolve(HarnessSettings settings) {
        java.util.Optional<Path> configured = settings.outputDirectory();
        if (configured.isPresent()) {
            return configured.get();
        }
        Path target = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(target) || Files.exists(Path.of("pom.xml"))) {
            return target.resolve("tp-harness");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tp-harness");
    }
}
