package dev.tpharness.tp0.grading.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.grading.NotRunHere;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-ins of a student script's PATH without Docker: sudo, and how a failed step is read and judged. */
class ScriptStandInsTest {

    @TempDir
    Path dir;

    private CommandResult sh(ScriptStandIns standIns, String script) {
        return Command.of("sh", "-c", script).in(dir).withEnv("PATH", standIns.path()).withTimeout(Duration.ofSeconds(20)).run();
    }

    @Test
    void sudoRunsItsCommandAsTheGraderWithItsOptionsDropped() {
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolve("path"), false);

        CommandResult r = sh(standIns, "sudo -E -u someone -- sh -c 'printf %s \"$1\"' x 'a b'; echo; sudo -n printf ok");

        assertThat(r.exitCode()).as(r.describe()).isZero();
        assertThat(r.stdout()).isEqualTo("a b\nok");
        assertThat(standIns.sudoCalls()).containsExactly("sh -c printf %s \"$1\" x a b", "printf ok");
    }

    @Test
    void sudoWithoutACommandFailsAndSaysWhy() {
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolve("path"), false);

        CommandResult r = sh(standIns, "sudo -i");

        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.stderr()).contains("sudo without a command (an interactive shell) is not run when grading");
    }

    @Test
    void hostNetcatFailsLoudlyOnlyForAValidator() {
        CommandResult validator = sh(ScriptStandIns.prepare(dir.resolve("validator"), true), "nc -z server 12345");
        assertThat(validator.exitCode()).isEqualTo(127);
        assertThat(validator.stderr()).contains("'nc' was called on the host");
        assertThat(ScriptStandIns.prepare(dir.resolve("validator"), true).hostNetcatCalls()).containsExactly("nc -z server 12345");

        assertThat(dir.resolve("generator").resolve("nc")).doesNotExist();
        ScriptStandIns.prepare(dir.resolve("generator"), false);
        assertThat(dir.resolve("generator").resolve("nc")).doesNotExist();
    }

    @Test
    void aStepThatCouldNotReachItsPackageIndexIsNotRunWhateverTheScriptDidNext() throws IOException {
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolve("path"), true);
        Files.writeString(dir.resolve("path/steps/step.a1"), """
                1
                docker build -t netcat-tester ./netcat
                Step 2/2 : RUN apt-get update && apt-get install -y netcat-openbsd
                Err:1 http://deb.debian.org/debian bookworm InRelease
                  Temporary failure resolving 'deb.debian.org'
                E: Unable to locate package netcat-openbsd
                """);

        assertThat(standIns.failedSteps()).singleElement().satisfies(step -> {
            assertThat(step.exitCode()).isEqualTo(1);
            assertThat(step.command()).isEqualTo("docker build -t netcat-tester ./netcat");
            assertThat(step.outsideCause()).hasValueSatisfying(c -> assertThat(c).contains("Temporary failure resolving 'deb.debian.org'"));
        });
        assertThatThrownBy(() -> ScriptStandIns.rethrowIfAStepCouldNotFetch("validar-echo-server.sh", standIns.failedSteps())).isInstanceOf(NotRunHere.class)
                .hasMessageContaining("validar-echo-server.sh ran `docker build -t netcat-tester ./netcat`, which failed (exit 1) because it"
                        + " could not fetch what it needs from here");

        standIns.reset();
        assertThat(standIns.failedSteps()).isEmpty();
    }

    @Test
    void aStepThatFailedForTheRepositorysOwnReasonStaysTheStudentsAndIsNamed() throws IOException {
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolve("path"), true);
        Files.writeString(dir.resolve("path/steps/step.b2"), """
                1
                docker build -t netcat-tester ./netcat
                Step 1/3 : FROM busybox:1.36.1
                Step 2/3 : COPY probe.sh /probe.sh
                COPY failed: file not found in build context or excluded by .dockerignore: stat probe.sh: file does not exist
                """);

        ScriptStandIns.FailedStep step = standIns.failedSteps().get(0);

        assertThat(step.outsideCause()).isEmpty();
        ScriptStandIns.rethrowIfAStepCouldNotFetch("validar-echo-server.sh", standIns.failedSteps());
        assertThat(step.describe()).startsWith("`docker build -t netcat-tester ./netcat` failed (exit 1): ")
                .endsWith("COPY failed: file not found in build context or excluded by .dockerignore: stat probe.sh: file does not exist");
    }

    @Test
    void theClassicBuildersColourEscapesAreGoneBeforeTheOutputIsRead() {
        // as recorded on CI: the escapes cut "/bin/sh: apk: not found" in two
        ScriptStandIns.FailedStep step = ScriptStandIns.FailedStep.parse(
                "127\ndocker build -t t netcat\nStep 1/2 : FROM alpine:3.20\n\u001b[91m/bin/sh: \u001b[0m\u001b[91mapk: not found\u001b[0m\n").orElseThrow();

        assertThat(step.output()).contains("/bin/sh: apk: not found").doesNotContain("\u001b");
    }

    @Test
    void aRecordThatIsNotAStepIsIgnored() {
        assertThat(ScriptStandIns.FailedStep.parse("")).isEmpty();
        assertThat(ScriptStandIns.FailedStep.parse("not a number\ndocker build .\n")).isEmpty();
        assertThat(ScriptStandIns.FailedStep.parse("125\ndocker pull x")).hasValue(new ScriptStandIns.FailedStep(125, "docker pull x", ""));
    }
}
