package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner against fake {@code docker} / {@code docker-compose} executables put first on the child's PATH. */
class ComposeCliTest {

    @TempDir
    Path bin;

    @Test
    void passesProjectProjectDirectoryAndEveryFileBeforeTheArguments() throws IOException {
        Path argsFile = bin.resolve("args.txt");
        fake("docker", "printf '%s\\n' \"$@\" >> '" + argsFile + "'\necho done");
        ComposeCli cli = ComposeCli.detect(environment());

        ComposeCli.Result result = cli.run("tph-abc", List.of(Path.of("/t/a.yaml"), Path.of("/t/b.yaml")), Path.of("/src"),
                Duration.ofSeconds(10), List.of("up", "-d"));

        assertThat(cli.composeCommand()).containsExactly("docker", "compose");
        assertThat(result.stdout()).isEqualTo("done\n");
        assertThat(Files.readAllLines(argsFile)).containsExactly(
                "compose", "version",
                "compose", "-p", "tph-abc", "--project-directory", "/src", "-f", "/t/a.yaml", "-f", "/t/b.yaml", "up", "-d");
    }

    @Test
    void fallsBackToDockerComposeV1WhenTheV2PluginIsMissing() throws IOException {
        fake("docker", "echo \"docker: 'compose' is not a docker command.\" >&2; exit 1");
        fake("docker-compose", "echo v1");

        assertThat(ComposeCli.detect(environment()).composeCommand()).containsExactly("docker-compose");
    }

    @Test
    void noComposeAtAllIsReportedWithBothAttemptsAndTheFix() throws IOException {
        fake("docker", "echo 'no compose here' >&2; exit 1");
        fake("docker-compose", "echo 'broken too' >&2; exit 127");

        assertThatThrownBy(() -> ComposeCli.detect(environment()))
                .isInstanceOf(ComposeCommandException.class)
                .hasMessageContaining("docker compose version -> exit 1: no compose here")
                .hasMessageContaining("docker-compose version -> exit 127: broken too")
                .hasMessageContaining("-Dtp.compose.command=");
    }

    @Test
    void theCommandPropertyOverridesDetection() throws IOException {
        Path fake = fake("my-compose", "echo \"$@\"");
        ComposeCli cli = ComposeCli.detect(environment(), HarnessSettings.defaults().with(ComposeCli.COMMAND_PROPERTY, fake + " --flag"));
        assertThat(cli.composeCommand()).containsExactly(fake.toString(), "--flag");
        assertThat(cli.run("p", List.of(), null, Duration.ofSeconds(5), List.of("ps")).stdout())
                .isEqualTo("--flag -p p ps\n");
    }

    @Test
    void aNonZeroExitNamesTheCommandTheExitCodeAndTheLast40LinesOfBothStreams() throws IOException {
        fake("docker", """
                [ "$2" = version ] && exit 0
                i=1; while [ $i -le 50 ]; do echo "out line $i"; echo "err line $i" >&2; i=$((i+1)); done
                exit 3""");
        ComposeCli cli = ComposeCli.detect(environment());

        assertThatThrownBy(() -> cli.run("tph-x", List.of(Path.of("/f.yaml")), null, Duration.ofSeconds(10), List.of("up", "-d")))
                .isInstanceOfSatisfying(ComposeCommandException.class, e -> {
                    assertThat(e.exitCode()).contains(3);
                    assertThat(e.command()).containsExactly("docker", "compose", "-p", "tph-x", "-f", "/f.yaml", "up", "-d");
                    assertThat(e.stderrTail().lines()).hasSize(40).startsWith("err line 11").endsWith("err line 50");
                })
                .hasMessageContaining("docker compose -p tph-x -f /f.yaml up -d")
                .hasMessageContaining("exit code 3")
                .hasMessageContaining("out line 50")
                .hasMessageContaining("err line 11")
                .hasMessageNotContaining("err line 10\n");
    }

    @Test
    void aCommandThatHangsIsKilledAtTheTimeoutAndSaysSo() throws IOException {
        fake("docker", """
                [ "$2" = version ] && exit 0
                echo "starting"
                sleep 30""");
        ComposeCli cli = ComposeCli.detect(environment());
        long start = System.nanoTime();

        assertThatThrownBy(() -> cli.run("tph-h", List.of(), null, Duration.ofMillis(700), List.of("down")))
                .isInstanceOfSatisfying(ComposeCommandException.class, e -> assertThat(e.exitCode()).isEmpty())
                .hasMessageContaining("timed out after 700 ms")
                .hasMessageContaining("starting");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(6));
    }

    @Test
    void nonZeroExitIsReturnedWhenTheCallerAllowsIt() throws IOException {
        fake("docker", "[ \"$2\" = version ] && exit 0\necho oops >&2; exit 7");
        ComposeCli.Result r = ComposeCli.detect(environment())
                .runAllowingFailure("p", List.of(), null, Duration.ofSeconds(5), List.of("exec", "-T", "s", "false"));

        assertThat(r.exitCode()).isEqualTo(7);
        assertThat(r.stderr()).isEqualTo("oops\n");
    }

    private Map<String, String> environment() {
        return ComposeCli.environmentWith(Map.of("PATH", bin + ":" + System.getenv("PATH")));
    }

    private Path fake(String name, String body) throws IOException {
        Path script = bin.resolve(name);
        Files.writeString(script, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
