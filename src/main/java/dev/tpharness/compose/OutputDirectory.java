package dev.tpharness.compose;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the harness writes files: {@code -Dtp.harness.outputDir}, else {@code target/tp-harness}
 * when the working directory is a Maven project, else {@code <java.io.tmpdir>/tp-harness}.
 */
public final class OutputDirectory {

    /** System property overriding the output folder. */
    public static final String PROPERTY = "tp.harness.outputDir";

    private OutputDirectory() {
    }

    /** The folder (not created here). */
    public static Path resolve() {
        String configured = System.getProperty(PROPERTY, "").trim();
        if (!configured.isEmpty()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path target = Path.of("target").toAbsolutePath();
        if (Files.isDirectory(target) || Files.exists(Path.of("pom.xml"))) {
            return target.resolve("tp-harness");
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "tp-harness");
    }
}
