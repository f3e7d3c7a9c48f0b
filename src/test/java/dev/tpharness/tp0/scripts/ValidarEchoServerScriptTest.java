package dev.tpharness.tp0.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code validar-echo-server.sh} without Docker: a copy of the script runs with {@code sh} (dash on
 * Debian, like the graders) against a fake {@code docker} first on PATH that records every call
 * and plays one scenario. What the real container does is covered by {@code ValidarEchoServerIT}.
 */
class ValidarEchoServerScriptTest {

    private static final Path ROOT = Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath();
    private static final String SUCCESS = "action: test_echo_server | result: success\n";
    private static final String FAIL = "action: test_echo_server | result: fail\n";
    private static final Duration BOUND = Duration.ofSeconds(10);

    /** Records each call as one line, and the arguments of `docker run` NUL-separated. */
    private static final String FAKE_DOCKER = """
            #!/bin/sh
            printf '%s\\n' "$1 $2 $3" >>"$FAKE_DIR/calls"
            case "$1" in
              image) [ "${FAKE_IMAGE:-present}" = present ] && exit 0
                     echo "Error: No such image: $3" >&2; exit 1 ;;
              pull)  [ "${FAKE_PULL:-ok}" = ok ] && exit 0
                     echo "Error response from daemon: pull access denied for $3" >&2; exit 1 ;;
              rm)    printf '%s\\n' "$*" >>"$FAKE_DIR/removed"; exit 0 ;;
              run)   for a in "$@"; do printf '%s\\000' "$a"; done >"$FAKE_DIR/run-args"
                     case "${FAKE_RUN:-match}" in
                       match) echo match ;;
                       mismatch) echo "mismatch sent_bytes=47 received_bytes=53 nc_status=0 nc_error=" ;;
                       no-network) printf 'docker: Error response from daemon: network missing_net not found\\n\\nRun %s for more information\\n' "'docker run --help'" >&2
                                   exit 125 ;;
                       hang) exec sleep 60 ;;
                     esac ;;
            esac
            """;

    @TempDir
    Path repo;
    @TempDir
    Path fake;
    Path config;

    @BeforeEach
    void copyScriptAndInstallFakeDocker() throws IOException {
        Files.copy(ROOT.resolve("validar-echo-server.sh"), repo.resolve("validar-echo-server.sh"), StandardCopyOption.COPY_ATTRIBUTES);
        config = Files.createDirectories(repo.resolve("server")).resolve("config.ini");
        Files.writeString(config, "[DEFAULT]\nSERVER_PORT = 12345\nSERVER_IP = server\nSERVER_LISTEN_BACKLOG = 5\nLOGGING_LEVEL = INFO");
        Path docker = Files.createDirectories(fake.resolve("bin")).resolve("docker");
        Files.writeString(docker, FAKE_DOCKER, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            the graders' layout without a trailing newline | [DEFAULT]\\nSERVER_PORT = 12345\\nSERVER_IP = server\\nLOGGING_LEVEL = INFO | server | 12345
            no spaces around '='                           | SERVER_IP=10.0.0.5\\nSERVER_PORT=9000\\n                          | 10.0.0.5 | 9000
            Windows line ends                              | SERVER_IP = myhost\\r\\nSERVER_PORT = 4242\\r\\n                    | myhost | 4242
            comments and keys in any case                  | # SERVER_IP = no\\n; SERVER_PORT = 1\\nserver_ip = lower\\nServer_Port = 7\\n | lower | 7
            tabs and the last value wins                   | SERVER_PORT\\t=\\t1\\nSERVER_PORT = 2\\nSERVER_IP = a.b-c_d | a.b-c_d | 2
            """)
    void hostAndPortComeFromServerConfigIni(String description, String content, String host, String port) throws IOException {
        Files.writeString(config, unescape(content));

        CommandResult result = validate();

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(result.exitCode()).isZero();
        assertThat(result.stderr()).isEmpty();
        assertThat(runArgs()).contains("HOST=" + host, "PORT=" + port);
    }

    @Test
    void aMissingKeyFallsBackToTheContractsDefaultAndSaysSo() throws IOException {
        Files.writeString(config, "[DEFAULT]\nLOGGING_LEVEL = DEBUG\n");

        CommandResult result = validate();

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(runArgs()).contains("HOST=server", "PORT=12345");
        assertThat(result.stderr()).contains("SERVER_IP missing in server/config.ini, using the default server")
                .contains("SERVER_PORT missing in server/config.ini, using the default 12345");
    }

    @Test
    void aMissingConfigFileFallsBackToTheDefaultsAndSaysSo() throws IOException {
        Files.delete(config);

        CommandResult result = validate();

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(runArgs()).contains("HOST=server", "PORT=12345");
        assertThat(result.stderr()).contains("config.ini not found");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"SERVER_IP = server\nSERVER_PORT = abc", "SERVER_IP = server\nSERVER_PORT = 0",
            "SERVER_IP = server\nSERVER_PORT = 65536", "SERVER_IP = server\nSERVER_PORT = 1234567",
            "SERVER_IP = bad host\nSERVER_PORT = 1", "SERVER_IP = x;reboot\nSERVER_PORT = 1"})
    void anUnusableHostOrPortFailsWithoutStartingAContainer(String content) throws IOException {
        Files.writeString(config, content);

        CommandResult result = validate();

        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).containsAnyOf("is not a port number", "is not a host name");
        assertThat(fake.resolve("run-args")).doesNotExist();
    }

    @Test
    void theContainerIsThrowawayLabelledOnTheStackNetworkAndPublishesNothing() {
        CommandResult result = validate();

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        List<String> args = runArgs();
        assertThat(args.subList(0, 2)).containsExactly("run", "--rm");
        assertThat(args).containsSubsequence("--label", "dev.tpharness=true")
                .containsSubsequence("--network", "tp0_testing_net")
                .contains("alpine:3.20")
                .doesNotContain("-p", "--publish", "-P", "--publish-all", "-d", "--detach");
        assertThat(valueAfter(args, "--name")).startsWith("tp0-validar-echo-server-");
    }

    @Test
    void everyRunUsesItsOwnContainerName() {
        validate();
        String first = valueAfter(runArgs(), "--name");
        validate();

        assertThat(valueAfter(runArgs(), "--name")).isNotEqualTo(first);
    }

    @Test
    void theImageAndTheNetworkCanBeOverridden() {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh")
                .withEnv("TP0_VALIDATOR_IMAGE", "mirror.example/alpine:3.20")
                .withEnv("TP0_NETWORK", "tp0-isolated_testing_net"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(runArgs()).containsSubsequence("--network", "tp0-isolated_testing_net")
                .contains("mirror.example/alpine:3.20")
                .doesNotContain("alpine:3.20", "tp0_testing_net");
    }

    @Test
    void aDifferentReplyFailsAndSaysHowItDiffers() {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh").withEnv("FAKE_RUN", "mismatch"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("differs from the message sent").contains("received_bytes=53");
    }

    @Test
    void aMissingNetworkFailsAtOnceWithDockersReason() {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh").withEnv("FAKE_RUN", "no-network"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.stderr()).contains("Error response from daemon: network missing_net not found").doesNotContain("docker run --help")
                .contains("is the stack up on network tp0_testing_net?");
        assertThat(result.duration()).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void aDockerRunThatNeverEndsIsCutOffAndItsContainerRemovedWithinTenSeconds() throws IOException {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh").withEnv("FAKE_RUN", "hang"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.exitCode()).isEqualTo(1);
        assertThat(result.duration()).isLessThan(BOUND);
        String name = valueAfter(runArgs(), "--name");
        assertThat(Files.readAllLines(fake.resolve("removed"))).containsExactly("rm -f " + name);
    }

    @Test
    void aMissingImageIsPulledOnce() throws IOException {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh").withEnv("FAKE_IMAGE", "missing"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
        assertThat(Files.readAllLines(fake.resolve("calls"))).containsExactly(
                "image inspect alpine:3.20", "pull -q alpine:3.20", "run --rm --name");
        assertThat(result.stderr()).contains("image alpine:3.20 is not present locally: pulling it");
    }

    @Test
    void anImageThatCannotBePulledFailsWithTheReason() {
        CommandResult result = validate(Command.of("sh", "validar-echo-server.sh")
                .withEnv("FAKE_IMAGE", "missing").withEnv("FAKE_PULL", "denied"));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(FAIL);
        assertThat(result.stderr()).contains("could not get image alpine:3.20: Error response from daemon: pull access denied")
                .contains("TP0_VALIDATOR_IMAGE");
        assertThat(fake.resolve("run-args")).doesNotExist();
    }

    @Test
    void itRunsFromAnyFolder(@TempDir Path elsewhere) {
        CommandResult result = validate(Command.of("sh", repo.resolve("validar-echo-server.sh").toString()).in(elsewhere));

        assertThat(result.stdout()).as(result.describe()).isEqualTo(SUCCESS);
    }

    private CommandResult validate() {
        return validate(Command.of("sh", "validar-echo-server.sh"));
    }

    private CommandResult validate(Command command) {
        Command base = command.directory().equals(Path.of("").toAbsolutePath()) ? command.in(repo) : command;
        CommandResult result = base
                .withEnv("PATH", fake.resolve("bin") + ":" + System.getenv("PATH"))
                .withEnv("FAKE_DIR", fake.toString())
                .withTimeout(Duration.ofSeconds(30))
                .run();
        assertThat(result.timedOut()).as(result.describe()).isFalse();
        assertThat(result.stdout().lines()).as("exactly one line on stdout: %s", result.describe()).hasSize(1);
        return result;
    }

    private List<String> runArgs() {
        try {
            String raw = Files.readString(fake.resolve("run-args"), StandardCharsets.UTF_8);
            return Arrays.asList(raw.split("\0"));
        } catch (IOException e) {
            throw new AssertionError("docker run was not called", e);
        }
    }

    private static String valueAfter(List<String> args, String flag) {
        int i = args.indexOf(flag);
        assertThat(i).as("%s in %s", flag, args).isNotNegative();
        return args.get(i + 1);
    }

    private static String unescape(String csv) {
        return csv.replace("\\n", "\n").replace("\\r", "\r").replace("\\t", "\t");
    }
}
