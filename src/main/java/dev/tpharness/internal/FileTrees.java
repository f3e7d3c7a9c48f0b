package dev.tpharness.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Removing a folder the harness made (work copies, clones). Links inside are removed, never
 * followed.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class FileTrees {

    private FileTrees() {
    }

    /**
     * Removes {@code dir} and everything below it, as far as it can; a missing folder is nothing to
     * do, and what cannot be removed stays (callers use it for leftovers that are harmless).
     */
    public static void deleteQuietly(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException e) {
            // missing, or partly removed: what is left is harmless where this is used
        }
    }
}
