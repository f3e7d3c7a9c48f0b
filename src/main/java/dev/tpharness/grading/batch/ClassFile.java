package dev.tpharness.grading.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class file: one {@code name path-or-git-url [exercises]} a line; blank lines, lines starting with
 * {@code #} and a {@code #} comment after the fields (after a space) are ignored. The optional third
 * field, exercise names separated by commas, limits that repository's grading to them (a regrade of
 * a resubmitted exercise, say); without it a repository is graded on the run's exercises. Relative paths
 * are relative to the class file's folder; {@code ~/} is the user's home. A byte order mark (as some
 * editors write) is skipped.
 *
 * <pre>
 * # TP0, 2026 second term
 * alice   https://github.com/alice/tp0.git
 * bob     ../repos/bob-tp0      # resubmitted on 12/03
 * carol   ../repos/carol-tp0    ej3,ej4
 * </pre>
 */
public final class ClassFile {

    /** The third field: exercise names separated by commas. */
    private static final java.util.regex.Pattern EXERCISES = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*(,[A-Za-z0-9][A-Za-z0-9._-]*)*");

    private ClassFile() {
    }

    /** Thrown for a class file that cannot be used; the message names the file and the line. */
    public static final class ClassFileException extends RuntimeException {
        ClassFileException(String message) {
            super(message);
        }
    }

    public static List<Student> read(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ClassFileException("cannot read the class file " + file + ": it does not exist");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new ClassFileException("cannot read the class file " + file + ": it is not UTF-8 text");
        } catch (IOException e) {
            throw new ClassFileException("cannot read the class file " + file + ": " + e.getMessage());
        }
        return parse(file.toString(), lines, file.toAbsolutePath().getParent());
    }

    /** @param base the folder that relative paths are relative to */
    public static List<Student> parse(String fileName, List<String> lines, Path base) {
        List<Student> students = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = (i == 0 ? lines.get(i).replaceFirst("^\uFEFF", "") : lines.get(i)).replaceFirst("\\s+#.*$", "").strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2) {
                throw new ClassFileException(fileName + ":" + number + ": '" + line + "' has no repository; write `name path-or-git-url`");
            }
            String source = parts[1];
            if (source.startsWith("~/")) {
                source = Path.of(System.getProperty("user.home")).resolve(source.substring(2)).toString();
            }
            if (parts.length > 3 || parts.length == 3 && !EXERCISES.matcher(parts[2]).matches()) {
                throw new ClassFileException(fileName + ":" + number + ": '" + line + "' has more fields than `name path-or-git-url [exercises]`"
                        + " (exercises: names separated by commas, no spaces, e.g. ej1,ej3; a path with spaces cannot be given here:"
                        + " use a link or a path without them)");
            }
            List<String> exercises = parts.length == 3 ? java.util.Arrays.stream(parts[2].split(",")).distinct().toList() : List.of();
            Student student;
            try {
                student = new Student(parts[0], Student.isGitUrl(source) ? source : base.resolve(source).normalize().toString(), exercises);
            } catch (IllegalArgumentException e) {
                throw new ClassFileException(fileName + ":" + number + ": " + e.getMessage());
            }
            Integer first = seen.putIfAbsent(student.name().toLowerCase(java.util.Locale.ROOT), number);
            if (first != null) {
                throw new ClassFileException(fileName + ":" + number + ": the name " + student.name() + " is already used on line " + first
                        + " (names are compared ignoring case: they name folders)");
            }
            students.add(student);
        }
        if (students.isEmpty()) {
            throw new ClassFileException(fileName + ": names no repository (one `name path-or-git-url` a line)");
        }
        return students;
    }
}
