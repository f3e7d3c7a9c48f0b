package dev.tpharness.grading;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The assignments on the class path ({@link ServiceLoader} of {@link Assignment}), checked: valid
 * and unique names, at least one exercise, exercise names unique within an assignment.
 */
public final class Assignments {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");

    private Assignments() {
    }

    /**
     * Every assignment on the class path of this class's loader, by name.
     *
     * @throws IllegalStateException naming the provider when one cannot be loaded or is not valid
     */
    public static Map<String, Assignment> all() {
        return all(Assignments.class.getClassLoader());
    }

    /** {@link #all()} from another class loader (e.g. one that adds a course's own assignment jar). */
    public static Map<String, Assignment> all(ClassLoader loader) {
        Map<String, Assignment> found = new TreeMap<>();
        try {
            for (Assignment a : ServiceLoader.load(Assignment.class, loader)) {
                check(a);
                Assignment other = found.putIfAbsent(a.name(), a);
                if (other != null && other.getClass() != a.getClass()) {
                    throw new IllegalStateException("two assignments are named '" + a.name() + "': " + other.getClass().getName() + " and "
                            + a.getClass().getName() + "; rename one (Assignment.name())");
                }
            }
        } catch (ServiceConfigurationError e) {
            throw new IllegalStateException("an assignment on the class path cannot be loaded: " + e.getMessage(), e);
        }
        return found;
    }

    /**
     * The assignment of that name.
     *
     * @throws IllegalArgumentException naming the assignments there are when none has that name
     */
    public static Assignment named(String name) {
        return named(name, Assignments.class.getClassLoader());
    }

    /** {@link #named(String)} from another class loader. */
    public static Assignment named(String name, ClassLoader loader) {
        Map<String, Assignment> all = all(loader);
        Assignment a = all.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no assignment named '" + name + "' (there " + (all.size() == 1 ? "is " : "are ")
                    + (all.isEmpty() ? "none" : String.join(", ", all.keySet())) + "; --list-assignments lists them, and an assignment"
                    + " jar is added with --assignment-jar)");
        }
        return a;
    }

    /** The assignment whose exercises include {@code exercise}, if exactly one has it. */
    public static Optional<Assignment> owning(String exercise, ClassLoader loader) {
        List<Assignment> owners = new ArrayList<>();
        for (Assignment a : all(loader).values()) {
            if (a.exerciseNames().contains(exercise)) {
                owners.add(a);
            }
        }
        return owners.size() == 1 ? Optional.of(owners.get(0)) : Optional.empty();
    }

    static void check(Assignment a) {
        String who = a.getClass().getName();
        if (a.name() == null || !NAME.matcher(a.name()).matches()) {
            throw new IllegalStateException(who + ": assignment name '" + a.name() + "' is not valid: use lowercase letters, digits"
                    + " and '-', starting with a letter");
        }
        List<Exercise> exercises = a.exercises();
        if (exercises == null || exercises.isEmpty()) {
            throw new IllegalStateException(who + " (assignment " + a.name() + ") has no exercises");
        }
        List<String> names = new ArrayList<>();
        for (Exercise e : exercises) {
            if (names.contains(e.name())) {
                throw new IllegalStateException(who + " (assignment " + a.name() + ") lists exercise '" + e.name() + "' twice");
            }
            names.add(e.name());
        }
        if (a.title() == null || a.title().isBlank()) {
            throw new IllegalStateException(who + " (assignment " + a.name() + ") has no title");
        }
    }
}
