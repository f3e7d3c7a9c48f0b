package dev.tpharness.tp0.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Both scripts pass shellcheck: the validator as POSIX sh (graders run it with dash), the
 * generator as bash. shellcheck must be installed (Debian package {@code shellcheck}; CI installs
 * it): without it these tests fail, they never skip.
 */
class ShellcheckTest {

    private static final Path ROOT = Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath();

    @Test
    void validatorIsCleanPosixSh() {
        assertClean(shellcheck("sh", ROOT.resolve("validar-echo-server.sh")));
    }

    @Test
    void gradersDockerStandInForStudentScriptsIsCleanPosixSh() {
        assertClean(shellcheck("sh", ROOT.resolve("src/main/resources/dev/tpharness/tp0/grading/support/script-docker.sh")));
    }

    @Test
    void gradersSudoStandInForStudentScriptsIsCleanPosixSh() {
        assertClean(shellcheck("sh", ROOT.resolve("src/main/resources/dev/tpharness/tp0/grading/support/script-sudo.sh")));
    }

    @Test
    void generatorScriptIsCleanBash() {
        assertClean(shellcheck("bash", ROOT.resolve("generar-compose.sh")));
    }

    @Test
    void bashismsInAPosixScriptAreCaught(@TempDir Path dir) throws IOException {
        Path script = Files.writeString(dir.resolve("bashisms.sh"),
                "#!/bin/sh\nif [[ \"$1\" == x ]]; then a=(1 2); echo \"${a[0]}\"; fi\n");

        CommandResult result = shellcheck("sh", script);

        assertThat(result.exitCode()).as(result.describe()).isNotZero();
        assertThat(result.stdout()).contains("SC3010").contains("SC3030");
    }

    @Test
    void theScriptsDeclareTheShellTheyAreCheckedAs() throws IOException {
        assertThat(Files.readAllLines(ROOT.resolve("validar-echo-server.sh")).get(0)).isEqualTo("#!/bin/sh");
        assertThat(Files.readAllLines(ROOT.resolve("generar-compose.sh")).get(0)).isEqualTo("#!/usr/bin/env bash");
    }

    private static CommandResult shellcheck(String shell, Path script) {
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(script + " does not exist");
        }
        try {
            return Command.of("shellcheck", "--shell=" + shell, "--format=gcc", script.toString())
                    .withTimeout(Duration.ofSeconds(60))
                    .run();
        } catch (UncheckedIOException e) {
            throw new AssertionError("shellcheck is not installed or not on PATH (" + e.getMessage()
                    + "): install it (Debian/Ubuntu: apt-get install shellcheck; it is part of the test run)", e);
        }
    }

    private static void assertClean(CommandResult result) {
        assertThat(result.timedOut()).as(result.describe()).isFalse();
        assertThat(result.exitCode()).as("shellcheck findings:%n%s%s", result.stdout(), result.stderr()).isZero();
    }
}
