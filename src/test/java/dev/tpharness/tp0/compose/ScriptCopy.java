package dev.tpharness.tp0.compose;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * A throwaway copy of the repository's scripts, so tests run the real scripts without touching
 * the working tree, and without needing {@code ./mvnw package} to have run first (unit tests run
 * before {@code package}): {@link #installTp0Jar} lays out {@code target/tp0/tp0-app.jar} and
 * {@code target/tp0/lib} from the compiled classes and the test class path, like the build does.
 */
final class ScriptCopy {

    private static final List<String> APP_PACKAGES = List.of("dev/tpharness/tp0/", "dev/tpharness/compose/model/");
    private static final List<String> LIB_PREFIXES = List.of("jackson-", "snakeyaml-engine");

    private ScriptCopy() {
    }

    /** The repository root: failsafe passes it; surefire runs in it. */
    static Path repoRoot() {
        return Path.of(System.getProperty("tp.project.root", "")).toAbsolutePath();
    }

    /** Copies {@code script} from the repository root into {@code folder}, keeping it executable. */
    static Path copyScript(String script, Path folder) {
        try {
            Path copy = folder.resolve(script);
            Files.copy(repoRoot().resolve(script), copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + script + " from " + repoRoot(), e);
        }
    }

    /** Writes {@code <folder>/target/tp0/tp0-app.jar} and {@code <folder>/target/tp0/lib/*.jar}. */
    static void installTp0Jar(Path folder) {
        try {
            Path target = Files.createDirectories(folder.resolve("target/tp0/lib"));
            writeAppJar(target.getParent().resolve("tp0-app.jar"));
            int libs = 0;
            for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
                Path jar = Path.of(entry);
                String name = jar.getFileName().toString();
                if (name.endsWith(".jar") && LIB_PREFIXES.stream().anyMatch(name::startsWith)) {
                    Files.copy(jar, target.resolve(name), StandardCopyOption.REPLACE_EXISTING);
                    libs++;
                }
            }
            if (libs == 0) {
                throw new IllegalStateException("no Jackson jars on the test class path: " + System.getProperty("java.class.path"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot lay out target/tp0 in " + folder, e);
        }
    }

    private static void writeAppJar(Path jar) throws IOException {
        Path classes;
        try {
            classes = Path.of(GenerarCompose.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        try (OutputStream file = Files.newOutputStream(jar);
                JarOutputStream out = new JarOutputStream(file);
                Stream<Path> all = Files.walk(classes)) {
            for (Path p : (Iterable<Path>) all.filter(Files::isRegularFile)::iterator) {
                String name = classes.relativize(p).toString().replace(java.io.File.separatorChar, '/');
                if (APP_PACKAGES.stream().anyMatch(name::startsWith)) {
                    out.putNextEntry(new JarEntry(name));
                    Files.copy(p, out);
                    out.closeEntry();
                }
            }
        }
    }
}
