package dev.tpharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;

/**
 * The harness knows nothing about TP0: no package of the library (every package but
 * {@code dev.tpharness.tp0}) depends on the TP0 packages, neither by import in its sources nor
 * by any reference in its classes (types, fields, methods, string constants used for
 * reflection). Mentions in comments, such as course-faithful names in examples, are fine.
 */
class NeutralPackagesTest {

    static final List<String> NEUTRAL = List.of("junit", "compose", "probe", "logs", "shutdown", "assertions", "internal");
    private static final Pattern TP0_IMPORT = Pattern.compile("^\\s*import\\s+(static\\s+)?dev\\.tpharness\\.tp0[.;].*$", Pattern.MULTILINE);
    private static final byte[][] TP0_NAMES = {"dev/tpharness/tp0".getBytes(StandardCharsets.US_ASCII),
            "dev.tpharness.tp0".getBytes(StandardCharsets.US_ASCII)};

    @Test
    void everyNeutralPackageIsChecked() throws IOException {
        assertThat(topLevelPackages(sources())).containsAll(NEUTRAL);
        assertThat(topLevelPackages(classes())).containsAll(NEUTRAL);
    }

    @Test
    void noSourceOfTheLibraryImportsTp0() throws IOException {
        List<String> found;
        try (Stream<Path> files = neutralFiles(sources(), ".java")) {
            found = files.flatMap(f -> {
                Matcher m = TP0_IMPORT.matcher(read(f));
                return m.results().map(r -> sources().relativize(f) + ": " + r.group().strip());
            }).toList();
        }
        assertThat(found).as("imports of dev.tpharness.tp0 in the library's packages").isEmpty();
    }

    @Test
    void noClassOfTheLibraryReferencesTp0() throws IOException {
        List<String> found;
        try (Stream<Path> files = neutralFiles(classes(), ".class")) {
            found = files.filter(NeutralPackagesTest::namesTp0).map(f -> classes().relativize(f).toString()).toList();
        }
        assertThat(found).as("classes of the library's packages whose constant pool names dev.tpharness.tp0").isEmpty();
    }

    /** Every file of the packages other than tp0, sub-packages included. */
    private static Stream<Path> neutralFiles(Path root, String suffix) throws IOException {
        return Files.walk(root.resolve("dev/tpharness"))
                .filter(p -> p.toString().endsWith(suffix))
                .filter(p -> !root.resolve("dev/tpharness").relativize(p).getName(0).toString().equals("tp0"));
    }

    private static List<String> topLevelPackages(Path root) throws IOException {
        try (Stream<Path> dirs = Files.list(root.resolve("dev/tpharness"))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).toList();
        }
    }

    /** A class file's constant pool holds every name it refers to, and every string literal, in (modified) UTF-8. */
    private static boolean namesTp0(Path classFile) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(classFile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (byte[] name : TP0_NAMES) {
            if (indexOf(bytes, name) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path sources() {
        return Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath().resolve("src/main/java");
    }

    /** Where the library's compiled classes are (target/classes under Maven). */
    private static Path classes() {
        try {
            return Path.of(ComposeStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
