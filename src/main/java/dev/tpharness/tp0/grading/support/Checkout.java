package dev.tpharness.tp0.grading.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The files of one exercise of the graded repository, extracted once into a folder of ours (the
 * original tree is never touched), and a hash of their content that keys the images built from them.
 *
 * @param exercise    {@code ej1}..{@code ej4}
 * @param dir         the extracted files (read-only by convention: tests work on {@link #copyTo copies})
 * @param source      where they came from, e.g. {@code branch origin/ej3} or {@code working tree}
 * @param contentHash first 12 hex digits of a SHA-256 over paths, bytes and executable bits
 * @param revision    the commit, exactly, e.g. {@code at 3f2a... (2026-11-30T18:02:11-03:00)}, or for a
 *                    working tree {@code on 3f2a... (...), with uncommitted changes}; empty when unknown
 */
public record Checkout(String exercise, Path dir, String source, String contentHash, String revision) {

    public Checkout {
        revision = revision == null ? "" : revision.strip();
    }

    public Checkout(String exercise, Path dir, String source, String contentHash) {
        this(exercise, dir, source, contentHash, "");
    }

    static Checkout of(String exercise, Path dir, String source) {
        return of(exercise, dir, source, "");
    }

    static Checkout of(String exercise, Path dir, String source, String revision) {
        return new Checkout(exercise, dir, source, hash(dir), revision);
    }

    /** What the report says was graded: where the files came from and, where known, the exact commit. */
    public String gradedOn() {
        return revision.isEmpty() ? source : source + " " + revision;
    }

    /** Copies the files into {@code target} (created), keeping executable bits. */
    public Path copyTo(Path target) {
        try {
            Files.createDirectories(target);
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                    Files.createDirectories(target.resolve(dir.relativize(d).toString()));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
                    Files.copy(f, target.resolve(dir.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES,
                            StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    return FileVisitResult.CONTINUE;
                }
            });
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + dir + " to " + target + ": " + e.getMessage(), e);
        }
    }

    static String hash(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> sorted = new ArrayList<>(files.filter(Files::isRegularFile).sorted().toList());
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (Path f : sorted) {
                sha.update(dir.relativize(f).toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
                sha.update((byte) (Files.isExecutable(f) ? 1 : 0));
                sha.update(Files.readAllBytes(f));
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + dir + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
