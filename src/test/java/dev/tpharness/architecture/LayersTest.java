package dev.tpharness.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;

/**
 * The three layers depend only downwards: assignments ({@code tp0}, ...) on the grading kit and
 * the library, the kit ({@code grading}) on the library only, the library on neither. Read from the
 * compiled classes: a class's constant pool names every type it uses and every string constant it
 * holds, so a reference by reflection or by a class name in a string is caught too.
 */
class LayersTest {

    /** Top-level packages of the library (the JUnit extension and what it is made of). */
    static final Set<String> LIBRARY = Set.of("junit", "compose", "probe", "logs", "shutdown", "assertions", "internal");
    /** The grading kit. */
    static final Set<String> KIT = Set.of("grading");
    /** Assignments: everything else under dev.tpharness (today tp0). */
    static final Set<String> ASSIGNMENTS = Set.of("tp0");

    @Test
    void everyTopLevelPackageHasALayer() throws IOException {
        List<String> unknown = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(classes().resolve("dev/tpharness"))) {
            dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString())
                    .filter(p -> !LIBRARY.contains(p) && !KIT.contains(p) && !ASSIGNMENTS.contains(p)).forEach(unknown::add);
        }
        assertThat(unknown).as("packages under dev.tpharness that no layer of LayersTest names: give each its layer").isEmpty();
    }

    @Test
    void theLibraryNamesNeitherTheKitNorAnAssignment() throws IOException {
        assertThat(violations(LIBRARY, union(KIT, ASSIGNMENTS))).as("library classes that name the grading kit or an assignment").isEmpty();
    }

    @Test
    void theKitNamesNoAssignment() throws IOException {
        assertThat(violations(KIT, ASSIGNMENTS)).as("grading kit classes that name an assignment").isEmpty();
    }

    /** The violations finder itself finds what it should: an assignment's classes do name the kit. */
    @Test
    void theCheckSeesAnAssignmentNamingTheKit() throws IOException {
        assertThat(violations(ASSIGNMENTS, KIT)).as("assignment classes naming the kit (expected: they implement Assignment)").isNotEmpty();
    }

    /** Each class of a package in {@code layer} that names a package of {@code forbidden}, with the names it uses. */
    static List<String> violations(Set<String> layer, Set<String> forbidden) throws IOException {
        Path root = classes().resolve("dev/tpharness");
        List<String> found = new ArrayList<>();
        for (String pkg : layer) {
            Path dir = root.resolve(pkg);
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : (Iterable<Path>) files.filter(p -> p.toString().endsWith(".class"))::iterator) {
                    String pool = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
                    for (String other : forbidden) {
                        if (pool.contains("dev/tpharness/" + other + "/") || pool.contains("dev.tpharness." + other + ".")) {
                            found.add(root.relativize(f) + " names dev.tpharness." + other);
                        }
                    }
                }
            }
        }
        return found;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> u = new java.util.HashSet<>(a);
        u.addAll(b);
        return u;
    }

    private static Path classes() {
        try {
            return Path.of(ComposeStack.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

}
