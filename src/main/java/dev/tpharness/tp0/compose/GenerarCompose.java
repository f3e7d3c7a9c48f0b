package dev.tpharness.tp0.compose;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Command line entry point behind {@code generar-compose.sh}: writes the compose file of
 * {@link Tp0ComposeGenerator} to a path.
 *
 * <pre>
 * java -cp "target/tp0/tp0-app.jar:target/tp0/lib/*" dev.tpharness.tp0.compose.GenerarCompose docker-compose-dev.yaml 5
 * </pre>
 *
 * <p>Exit codes: 0 written; 2 wrong use (argument count, a number of clients that is not an
 * integer in {@code 0..}{@value Tp0ComposeGenerator#MAX_CLIENTS}, an output path that is a
 * folder, not a regular file, or in a missing or unwritable folder), with a reason and the usage
 * line on stderr and the output file untouched. More clients than the contract's subnet holds
 * ({@value Tp0ComposeGenerator#MAX_CLIENTS_IN_SUBNET}) still writes the file, with a warning on
 * stderr.
 */
public final class GenerarCompose {

    static final int EXIT_OK = 0;
    static final int EXIT_USAGE = 2;

    static final String PROGRAM = "generar-compose.sh";
    static final String USAGE = "usage: " + PROGRAM + " <output file> <number of clients: 0.."
            + Tp0ComposeGenerator.MAX_CLIENTS + ">";

    private static final Pattern DIGITS = Pattern.compile("0*([0-9]+)");

    private GenerarCompose() {
    }

    public static void main(String[] args) {
        int code = run(args, System.err);
        System.err.flush();
        if (code != EXIT_OK) {
            System.exit(code);
        }
    }

    /** Does the work of {@link #main}, reporting to {@code err}; returns the exit code. */
    static int run(String[] args, PrintStream err) {
        try {
            if (args.length != 2) {
                throw new UsageException("expected 2 arguments (output file, number of clients), got " + args.length);
            }
            Path output = outputPath(args[0]);
            int clients = parseClients(args[1]);
            if (clients > Tp0ComposeGenerator.MAX_CLIENTS_IN_SUBNET) {
                err.println(PROGRAM + ": warning: " + clients + " clients do not fit in subnet "
                        + Tp0ComposeGenerator.SUBNET + " (" + Tp0ComposeGenerator.MAX_CLIENTS_IN_SUBNET
                        + " at most besides the server); the file is valid but 'docker compose up' cannot start them all");
            }
            try {
                Tp0ComposeGenerator.generate(clients).write(output);
            } catch (UncheckedIOException e) {
                throw new UsageException("cannot write '" + args[0] + "': " + describe(e.getCause()));
            }
            return EXIT_OK;
        } catch (UsageException e) {
            err.println(PROGRAM + ": " + e.getMessage());
            err.println(USAGE);
            return EXIT_USAGE;
        }
    }

    /**
     * The number of clients: decimal digits only (leading zeros allowed), at most
     * {@link Tp0ComposeGenerator#MAX_CLIENTS}.
     */
    static int parseClients(String text) {
        Matcher m = DIGITS.matcher(text);
        if (!m.matches()) {
            throw new UsageException("the number of clients must be a non-negative integer, got '" + text + "'");
        }
        String digits = m.group(1);
        int max = Tp0ComposeGenerator.MAX_CLIENTS;
        if (digits.length() > String.valueOf(max).length() || Integer.parseInt(digits) > max) {
            throw new UsageException("the number of clients must be at most " + max + ", got " + text);
        }
        return Integer.parseInt(digits);
    }

    /**
     * The path to write: not a folder, not something other than a regular file, in an existing
     * writable folder. A symbolic link is followed, so its target gets the new content.
     */
    static Path outputPath(String text) {
        if (text.isEmpty()) {
            throw new UsageException("the output file name is empty");
        }
        Path path;
        try {
            path = Path.of(text).toAbsolutePath();
        } catch (InvalidPathException e) {
            throw new UsageException("'" + text + "' is not a valid path: " + e.getReason());
        }
        if (Files.isDirectory(path)) {
            throw new UsageException("'" + text + "' is a folder, not a file");
        }
        if (Files.isSymbolicLink(path)) {
            try {
                path = path.toRealPath();
            } catch (IOException e) {
                throw new UsageException("'" + text + "' is a symbolic link whose target does not exist");
            }
        }
        if (Files.exists(path) && !Files.isRegularFile(path)) {
            throw new UsageException("'" + text + "' exists and is not a regular file");
        }
        Path folder = path.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new UsageException("the folder of '" + text + "' does not exist (or is not a folder)");
        }
        if (!Files.isWritable(folder)) {
            throw new UsageException("the folder of '" + text + "' is not writable");
        }
        return path;
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : " " + message);
    }

    /** Wrong use: reported with the usage line and {@link #EXIT_USAGE}. */
    static final class UsageException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageException(String message) {
            super(message);
        }
    }
}
