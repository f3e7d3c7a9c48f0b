package dev.tpharness.grading.batch;

import java.util.regex.Pattern;

/**
 * One repository to grade: a name for the reports and where its TP0 repository is.
 *
 * @param name   a student or group name: letters, digits, '.', '_' and '-' (it names a folder and
 *               a CSV cell), at most 64 characters
 * @param source a local folder, a git URL ({@code https://...}, {@code ssh://...}, {@code git@host:path},
 *               {@code file://...}), or empty for this project's own reference solution
 */
public record Student(String name, String source) {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    public Student {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' is not a usable name: use ASCII letters, digits, '.', '_' and '-'"
                    + " (starting with a letter or digit, at most 64 characters)");
        }
        source = source == null ? "" : source.strip();
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
