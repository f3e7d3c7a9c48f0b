package dev.tpharness.tp0.grading.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code docker} stand-in of a student script against the engine: a build that works, one
 * whose base image is not here, one that fails for the repository's reason and one that fails for
 * this machine's (a package manager missing from the local alpine stand-in), each hidden by the
 * script behind {@code >/dev/null 2>&1} and exit 0.
 */
class ScriptStandInsIT {

    @TempDir
    Path dir;

    private final String tag = "tph-standin-it-" + Long.toHexString(System.nanoTime());

    @AfterEach
    void removeImage() {
        Command.of("docker", "rmi", "-f", tag).withTimeout(Duration.ofSeconds(60)).run();
    }

    private ScriptStandIns buildHidden(String dockerfile) throws IOException {
        Files.createDirectories(dir.resolve("ctx"));
        Files.writeString(dir.resolve("ctx/Dockerfile"), dockerfile);
        Files.writeString(dir.resolve("ctx/probe.sh"), "echo probe\n");
        ScriptStandIns standIns = ScriptStandIns.prepare(dir.resolve("path"), true);
        standIns.reset();
        CommandResult r = Command.of("sh", "-c", "docker build -q -t " + tag + " ctx >/dev/null 2>&1; exit 0").in(dir)
                .withEnv("PATH", standIns.path()).withTimeout(Duration.ofSeconds(120)).run();
        assertThat(r.exitCode()).as(r.describe()).isZero();
        return standIns;
    }

    @Test
    void aBuildThatWorksLeavesNoRecordAndItsImageCarriesTheRunsLabels() throws IOException {
        ScriptStandIns standIns = buildHidden("FROM alpine:3.20\nCOPY probe.sh /probe.sh\n");

        assertThat(standIns.failedSteps()).isEmpty();
        assertThat(standIns.missingImages()).isEmpty();
        CommandResult labels = Command.of("docker", "image", "inspect", "-f", "{{index .Config.Labels \"dev.tpharness.run\"}}", tag)
                .withTimeout(Duration.ofSeconds(30)).run();
        assertThat(labels.stdout().strip()).as(labels.describe()).isEqualTo(dev.tpharness.compose.HarnessLabels.runId());
    }

    @Test
    void aBaseImageThatIsNotHereIsRecordedForTheGraderInsteadOfAPullThatHangs() throws IOException {
        long start = System.nanoTime();
        ScriptStandIns standIns = buildHidden("FROM tph-no-such-base:never\nRUN true\n");

        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no pull attempted").isLessThan(Duration.ofSeconds(30));
        assertThat(standIns.missingImages()).containsExactly("tph-no-such-base:never");
        assertThat(standIns.failedSteps()).isEmpty();
    }

    @Test
    void aBuildThatFailsForTheRepositorysReasonIsRecordedAndStaysTheStudents() throws IOException {
        ScriptStandIns standIns = buildHidden("FROM alpine:3.20\nCOPY missing-file.sh /probe.sh\n");

        assertThat(standIns.failedSteps()).singleElement().satisfies(step -> {
            assertThat(step.command()).isEqualTo("docker build -q -t " + tag + " ctx");
            assertThat(step.outsideCause()).as(step.output()).isEmpty();
            assertThat(step.describe()).contains("missing-file.sh");
        });
        ScriptStandIns.rethrowIfAStepCouldNotFetch("validar-echo-server.sh", standIns.failedSteps());
    }

    @Test
    void aPackageManagerMissingFromTheLocalStandInIsThisMachinesCause() throws IOException {
        boolean standIn = Command.of("docker", "image", "inspect", "-f", "{{index .Config.Labels \"dev.tpharness.standin\"}}", "alpine:3.20")
                .withTimeout(Duration.ofSeconds(30)).run().stdout().strip().equals("true");
        org.junit.jupiter.api.Assumptions.assumeTrue(standIn, "alpine:3.20 here is the real image, with apk");

        ScriptStandIns standIns = buildHidden("FROM alpine:3.20\nRUN apk add --no-cache netcat-openbsd && echo " + tag + "\n");

        assertThat(standIns.failedSteps()).singleElement().satisfies(step -> assertThat(step.outsideCause())
                .hasValueSatisfying(c -> assertThat(c).contains("alpine:3.20 is this machine's local stand-in", "lacks 'apk'")));
        // the classic builder keeps a failed step's container unless told otherwise
        CommandResult left = Command.of("docker", "ps", "-a", "--no-trunc", "--format", "{{.ID}} {{.Command}}").withTimeout(Duration.ofSeconds(30))
                .run();
        assertThat(left.stdout().lines().filter(l -> l.contains(tag)).toList()).as("containers left by the failed step").isEmpty();
    }
}
