package dev.tpharness.tp0.grading.batch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A class file: one {@code name path-or-git-url} a line; blank lines and lines starting with
 * {@code #} are ignored. Relative paths are relative to the class file's folder.
 *
 * <pre>
 * # TP0, 2026 second term
 * alice   https://github.com/alice/tp0.git
 * bob     ../repos/bob-tp0
 * </pre>
 */
public final class ClassFile {

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
            String line = lines.get(i).strip();
            int number = i + 1;
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+", 2);
            if (parts.length < 2) {
                throw new ClassFileException(fileName + ":" + number + ": '" + line + "' has no repository; write `name path-or-git-url`");
            }
            String source = parts[1].strip();
            if (source.contains(" ") || source.contains("\t")) {
                throw new ClassFileException(fileName + ":" + number + ": '" + line + "' has more than two fields; write `name path-or-git-url`"
                        + " (a path with spaces cannot be given here: use a link or a path without them)");
            }
            Student student;
            try {
                student = new Student(parts[0], Student.isGitUrl(source) ? source : base.resolve(source).normalize().toString());
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
