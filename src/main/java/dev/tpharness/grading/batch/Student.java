package dev.tpharness.grading.batch;

import java.util.List;
import java.util.regex.Pattern;

/**
 * One repository to grade: a name for the reports, where its repository is and, optionally, which
 * exercises to grade in it.
 *
 * @param name      a student or group name: letters, digits, '.', '_' and '-' (it names a folder and
 *                  a CSV cell), at most 64 characters
 * @param source    a local folder, a git URL ({@code https://...}, {@code ssh://...}, {@code git@host:path},
 *                  {@code file://...}), or empty for the assignment's own reference solution
 * @param exercises the exercises to grade in this repository (e.g. a regrade of one resubmitted
 *                  exercise); empty: those of the run
 */
public record Student(String name, String source, List<String> exercises) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Student {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a usable name: use ASCII letters, digits, '.', '_' and '-'"
                    + " (starting with a letter or digit, at most 64 characters)");
        }
        source = source == null ? "" : source.strip();
        exercises = exercises == null ? List.of() : List.copyOf(exercises);
    }

    /** A repository graded on the run's exercises. */
    public Student(String name, String source) {
        this(name, source, List.of());
    }

    /** The reference solution of this project, graded when no repository is named. */
    public static Student reference() {
        return new Student("reference", "");
    }

    /** Whether {@link #source} is to be cloned rather than read in place. */
    public boolean isGitUrl() {
        return isGitUrl(source);
    }

    /** Whether {@code s} names a git URL rather than a folder. */
    public static boolean isGitUrl(String s) {
        return s.matches("(?i)(https?|ssh|git|file)://.+") || s.matches("[\\w.-]+@[\\w.-]+:.+");
    }

    /** A name for a repository given on the command line: its folder's or URL's last part. */
    public static String nameFor(String source) {
        String last = source.replaceAll("[/\\\\]+$", "").replaceAll("\\.git$", "");
        last = last.substring(Math.max(last.lastIndexOf('/'), Math.max(last.lastIndexOf(':'), last.lastIndexOf('\\'))) + 1);
        String name = last.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^[^A-Za-z0-9]+", "");
        return name.isEmpty() ? "repo" : name.substring(0, Math.min(64, name.length()));
    }
}
