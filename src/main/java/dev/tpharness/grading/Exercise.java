package dev.tpharness.grading;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One exercise of an {@link Assignment}: its name (also the JUnit tag of its suite), the suite of
 * checks that grades it, and a few words on what it asks.
 *
 * @param name  e.g. {@code ej1}: lowercase letters, digits, {@code -} and {@code _}, starting with a letter
 * @param suite the JUnit class whose tests are the exercise's checks, tagged with {@code name}
 * @param title e.g. {@code echo server and client, generar-compose.sh}
 */
public record Exercise(String name, Class<?> suite, String title) {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

    public Exercise {
        Objects.requireNonNull(suite, "suite");
        if (name == null || !NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("exercise name '" + name + "' is not valid: use lowercase letters, digits, '-' and '_',"
                    + " starting with a letter (it is the JUnit tag of its suite, e.g. ej1)");
        }
        title = title == null ? "" : title.strip();
    }
}
