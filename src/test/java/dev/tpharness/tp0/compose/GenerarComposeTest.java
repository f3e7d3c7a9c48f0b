package dev.tpharness.tp0.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The Java entry point on its own: it re-checks everything the script checks, and follows links. */
class GenerarComposeTest {

    private static final String PREVIOUS = "previous\n";

    @TempDir
    Path dir;
    Path existing;
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void existingFile() throws IOException {
        existing = Files.writeString(dir.resolve("compose.yaml"), PREVIOUS);
    }

    @ParameterizedTest(name = "[{0}]")
    @ValueSource(strings = {"abc", "-1", "1.5", "", " 5", "5 ", "+5", "0x10", "10001", "99999999999999999999", "٣"})
    void numbersThatAreNotIntegersInRangeAreWrongUse(String clients) throws IOException {
        assertWrongUse(run(existing.toString(), clients), "the number of clients must be");
    }

    @Test
    void argumentCountOtherThanTwoIsWrongUse() throws IOException {
        assertWrongUse(run(), "expected 2 arguments (output file, number of clients), got 0");
        assertWrongUse(run(existing.toString()), "got 1");
        assertWrongUse(run(existing.toString(), "1", "2"), "got 3");
    }

    @Test
    void unusableOutputPathsAreWrongUse() throws IOException {
        assertWrongUse(run("", "1"), "the output file name is empty");
        assertWrongUse(run(dir.toString(), "1"), "is a folder, not a file");
        assertWrongUse(run(dir.resolve("missing/x.yaml").toString(), "1"), "does not exist");
        assertWrongUse(run(existing + "/x.yaml", "1"), "does not exist (or is not a folder)");
        assertWrongUse(run("/proc/tp0-generar-compose-test.yaml", "1"), "cannot write '/proc/tp0-generar-compose-test.yaml'");
        Files.createSymbolicLink(dir.resolve("dangling.yaml"), dir.resolve("nowhere.yaml"));
        assertWrongUse(run(dir.resolve("dangling.yaml").toString(), "1"), "symbolic link whose target does not exist");
    }

    @Test
    void somethingThatIsNotARegularFileIsNeverReplaced() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("null.yaml"), Path.of("/dev/null"));

        assertWrongUse(run(link.toString(), "1"), "exists and is not a regular file");
        assertThat(Files.isSymbolicLink(link)).isTrue();
        Files.delete(link); // keeps @TempDir from warning about a link that leaves it
    }

    @Test
    void writesTheFileAndSaysNothing() throws IOException {
        assertThat(run(existing.toString(), "007")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(Files.readString(existing)).isEqualTo(Tp0ComposeGenerator.generate(7).toYaml());
    }

    @Test
    void aSymbolicLinkIsFollowedSoItsTargetGetsTheContent() throws IOException {
        Path link = Files.createSymbolicLink(dir.resolve("link.yaml"), existing);

        assertThat(run(link.toString(), "1")).isZero();
        assertThat(Files.isSymbolicLink(link)).isTrue();
        assertThat(Files.readString(existing)).isEqualTo(Tp0ComposeGenerator.generate(1).toYaml());
    }

    @Test
    void moreClientsThanTheSubnetHoldsAreWrittenWithAWarning() throws IOException {
        assertThat(run(existing.toString(), "253")).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8))
                .startsWith("generar-compose.sh: warning: 253 clients do not fit in subnet 172.25.125.0/24 (252 at most");
        assertThat(Files.readString(existing)).isEqualTo(Tp0ComposeGenerator.generate(253).toYaml());
    }

    private int run(String... args) {
        err.reset();
        return GenerarCompose.run(args, new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private void assertWrongUse(int exitCode, String reason) throws IOException {
        String stderr = err.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).as(stderr).isEqualTo(GenerarCompose.EXIT_USAGE);
        assertThat(stderr.lines().toList()).hasSize(2);
        assertThat(stderr.lines().findFirst().orElseThrow()).startsWith("generar-compose.sh: ").contains(reason);
        assertThat(stderr).endsWith(GenerarCompose.USAGE + System.lineSeparator());
        assertThat(Files.readString(existing)).isEqualTo(PREVIOUS);
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .as("no temporary file left").noneMatch(name -> name.endsWith(".tmp"));
        }
    }
}
