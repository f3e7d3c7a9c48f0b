package dev.tpharness.tp0.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Stream;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the real {@code generar-compose.sh} (a copy, next to a {@code target/tp0} laid out from
 * the compiled classes) the way graders do: {@code bash generar-compose.sh <file> <n>}.
 */
class GenerarComposeScriptTest {

    private static final String SCRIPT = "generar-compose.sh";
    private static final String PREVIOUS = "previous content: must survive every wrong use\n";

    @TempDir
    Path repo;
    @TempDir
    Path out;
    Path existing;

    @BeforeEach
    void layOut() throws IOException {
        ScriptCopy.copyScript(SCRIPT, repo);
        ScriptCopy.installTp0Jar(repo);
        existing = Files.writeString(out.resolve("docker-compose-dev.yaml"), PREVIOUS);
        Files.createDirectory(out.resolve("a-folder"));
    }

    static Stream<Arguments> wrongUses() {
        return Stream.of(
                wrongUse("no arguments", dir -> List.of()),
                wrongUse("only the file", dir -> List.of(file(dir))),
                wrongUse("an extra argument", dir -> List.of(file(dir), "1", "2")),
                wrongUse("letters", dir -> List.of(file(dir), "abc")),
                wrongUse("a negative number", dir -> List.of(file(dir), "-1")),
                wrongUse("a decimal number", dir -> List.of(file(dir), "1.5")),
                wrongUse("an empty number", dir -> List.of(file(dir), "")),
                wrongUse("a number with a sign", dir -> List.of(file(dir), "+5")),
                wrongUse("two numbers in one argument", dir -> List.of(file(dir), "1 2")),
                wrongUse("a hexadecimal number", dir -> List.of(file(dir), "0x10")),
                wrongUse("one more than the limit", dir -> List.of(file(dir), "10001")),
                wrongUse("a number that overflows 64 bits", dir -> List.of(file(dir), "99999999999999999999")),
                wrongUse("an empty file name", dir -> List.of("", "1")),
                wrongUse("a missing folder", dir -> List.of(dir.resolve("missing/out.yaml").toString(), "1")),
                wrongUse("a folder that is a regular file", dir -> List.of(file(dir) + "/out.yaml", "1")),
                wrongUse("an unwritable folder (/proc, even for root)", dir -> List.of("/proc/tp0-generar-compose-test.yaml", "1")),
                wrongUse("a path that is a folder", dir -> List.of(dir.resolve("a-folder").toString(), "1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongUses")
    void wrongUseExitsTwoWithTheUsageLineAndWritesNothing(String description, Function<Path, List<String>> args)
            throws IOException {
        Map<String, Long> before = listing(out);

        CommandResult result = run(out, args.apply(out));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(2);
        assertThat(result.stdout()).as(result.describe()).isEmpty();
        List<String> errLines = result.stderr().lines().toList();
        assertThat(errLines).as(result.describe()).hasSize(2);
        assertThat(errLines.get(0)).startsWith("generar-compose.sh: ");
        assertThat(errLines.get(1)).isEqualTo(GenerarCompose.USAGE);
        assertThat(Files.readString(existing)).isEqualTo(PREVIOUS);
        assertThat(listing(out)).as("files in the output folder").isEqualTo(before);
        assertThat(Path.of("/proc/tp0-generar-compose-test.yaml")).doesNotExist();
    }

    @Test
    void writesTheGeneratorsBytesAndPrintsTheTwoInformativeLines() throws IOException {
        Path target = out.resolve("new.yaml");

        CommandResult result = run(out, List.of(target.toString(), "3"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).isEqualTo("Nombre del archivo de salida: " + target + "\nCantidad de clientes: 3\n");
        assertThat(result.stderr()).isEmpty();
        assertThat(Files.readString(target)).isEqualTo(Tp0ComposeGenerator.generate(3).toYaml());
    }

    @Test
    void replacesAnExistingFileAndLeavesNoTemporaryFileBehind() throws IOException {
        CommandResult result = run(out, List.of(existing.toString(), "0"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(Files.readString(existing)).isEqualTo(Tp0ComposeGenerator.generate(0).toYaml());
        assertThat(listing(out).keySet()).containsExactly("a-folder", "docker-compose-dev.yaml");
    }

    @Test
    void worksFromAnyFolderWithARelativeOutputPath() throws IOException {
        CommandResult result = run(out, List.of("relative.yaml", "2"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(Files.readString(out.resolve("relative.yaml"))).isEqualTo(Tp0ComposeGenerator.generate(2).toYaml());
    }

    @Test
    void leadingZerosAreDecimalNotOctal() throws IOException {
        CommandResult result = run(out, List.of("zeros.yaml", "010"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stdout()).endsWith("Cantidad de clientes: 10\n");
        assertThat(Files.readString(out.resolve("zeros.yaml"))).isEqualTo(Tp0ComposeGenerator.generate(10).toYaml());
    }

    @Test
    void aThousandClientsWorkWithAWarningThatTheSubnetCannotHoldThem() throws IOException {
        CommandResult result = run(out, List.of("many.yaml", "1000"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(result.stderr()).contains("warning: 1000 clients do not fit in subnet 172.25.125.0/24");
        assertThat(Files.readString(out.resolve("many.yaml"))).isEqualTo(Tp0ComposeGenerator.generate(1000).toYaml());
    }

    @Test
    void theSubnetWarningStartsAboveItsCapacity() {
        CommandResult fits = run(out, List.of("fits.yaml", "252"));
        CommandResult tooMany = run(out, List.of("too-many.yaml", "253"));

        assertThat(fits.exitCode()).as(fits.describe()).isZero();
        assertThat(fits.stderr()).isEmpty();
        assertThat(tooMany.exitCode()).as(tooMany.describe()).isZero();
        assertThat(tooMany.stderr()).contains("warning: 253 clients");
    }

    @Test
    void theLimitItselfIsAccepted() {
        CommandResult result = run(out, List.of("limit.yaml", String.valueOf(Tp0ComposeGenerator.MAX_CLIENTS)));

        assertThat(result.exitCode()).as(result.describe()).isZero();
    }

    @Test
    void aMissingJarIsBuiltFirstQuietlyWithAOneLineNotice(@TempDir Path bare, @TempDir Path layout) throws IOException {
        ScriptCopy.copyScript(SCRIPT, bare);
        ScriptCopy.installTp0Jar(layout);
        fakeMvnw(bare, "echo noisy maven output\necho noisy maven errors >&2\ncp -R \"" + layout + "/target\" .\n");

        CommandResult result = run(bare, out, List.of("built.yaml", "1"));

        assertThat(result.exitCode()).as(result.describe()).isZero();
        assertThat(Files.readString(bare.resolve("mvnw.args")).strip()).isEqualTo("-q -B -DskipTests package");
        assertThat(result.stderr().lines().toList()).as(result.describe()).singleElement().asString()
                .startsWith("generar-compose.sh: target/tp0/tp0-app.jar is missing, building it");
        assertThat(result.stdout()).doesNotContain("noisy");
        assertThat(Files.readString(out.resolve("built.yaml"))).isEqualTo(Tp0ComposeGenerator.generate(1).toYaml());
    }

    @Test
    void aFailedBuildExitsOneWithTheBuildOutputAndWritesNothing(@TempDir Path bare) throws IOException {
        ScriptCopy.copyScript(SCRIPT, bare);
        fakeMvnw(bare, "echo '[ERROR] COMPILATION ERROR: something is broken'\nexit 1\n");

        CommandResult result = run(bare, out, List.of(existing.toString(), "1"));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(1);
        assertThat(result.stderr()).contains("[ERROR] COMPILATION ERROR: something is broken")
                .contains("building the generator failed");
        assertThat(Files.readString(existing)).isEqualTo(PREVIOUS);
    }

    private CommandResult run(Path cwd, List<String> args) {
        return run(repo, cwd, args);
    }

    private static CommandResult run(Path scriptFolder, Path cwd, List<String> args) {
        List<String> argv = new ArrayList<>(List.of("bash", scriptFolder.resolve(SCRIPT).toString()));
        argv.addAll(args);
        CommandResult result = Command.of(argv.toArray(String[]::new))
                .in(cwd)
                .withEnv("JAVA_HOME", System.getProperty("java.home"))
                .withTimeout(Duration.ofSeconds(60))
                .run();
        assertThat(result.timedOut()).as(result.describe()).isFalse();
        return result;
    }

    private static void fakeMvnw(Path folder, String body) throws IOException {
        Path mvnw = folder.resolve("mvnw");
        Files.writeString(mvnw, "#!/bin/sh\necho \"$@\" > mvnw.args\n" + body, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(mvnw, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private static String file(Path dir) {
        return dir.resolve("docker-compose-dev.yaml").toString();
    }

    private static Arguments wrongUse(String description, Function<Path, List<String>> args) {
        return Arguments.of(description, args);
    }

    /** Name -> size of every entry in {@code folder} (sizes -1 for folders). */
    private static Map<String, Long> listing(Path folder) throws IOException {
        Map<String, Long> entries = new TreeMap<>();
        try (Stream<Path> list = Files.list(folder)) {
            for (Path p : list.toList()) {
                entries.put(p.getFileName().toString(), Files.isDirectory(p) ? -1L : Files.size(p));
            }
        }
        return entries;
    }
}
