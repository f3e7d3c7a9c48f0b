package dev.tpharness.internal;

import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * Keeps SLF4J quiet in a project that has no logging backend: the Docker client the harness uses
 * logs through SLF4J, and SLF4J then prints three "No SLF4J providers were found" warnings into
 * every test run. Only in that case, and only if the user has not set it, SLF4J's own reporting is
 * limited to errors ({@code slf4j.internal.verbosity=ERROR}; it has no other effect: without a
 * provider every log call is a no-op anyway). A project with Logback, Log4j 2 or slf4j-simple is
 * left exactly as it is.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class QuietSlf4j {

    static final String VERBOSITY = "slf4j.internal.verbosity";
    private static volatile boolean checked;

    private QuietSlf4j() {
    }

    /** Call before anything initialises SLF4J; cheap after the first call. */
    public static void ensure() {
        if (checked) {
            return;
        }
        synchronized (QuietSlf4j.class) {
            if (!checked) {
                checked = true;
                if (System.getProperty(VERBOSITY) == null && System.getProperty("slf4j.provider") == null && !hasProvider()) {
                    System.setProperty(VERBOSITY, "ERROR");
                }
            }
        }
    }

    /** {@link LoggerFactory#getLogger(Class)} after {@link #ensure()}. */
    public static Logger logger(Class<?> type) {
        ensure();
        return LoggerFactory.getLogger(type);
    }

    private static boolean hasProvider() {
        try {
            // the class loader SLF4J itself searches
            return ServiceLoader.load(SLF4JServiceProvider.class, SLF4JServiceProvider.class.getClassLoader()).iterator().hasNext();
        } catch (ServiceConfigurationError e) {
            return true; // a provider is declared, even if broken: SLF4J's report about it must be seen
        }
    }
}
