package dev.tpharness.tp0.server;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import ch.qos.logback.classic.Level;
import dev.tpharness.tp0.common.ConfigException;
import dev.tpharness.tp0.common.Tp0Logging;

/**
 * The server's configuration: {@code config.ini} (section {@code [DEFAULT]}, {@code KEY = value})
 * with environment variables of the same names taking precedence.
 *
 * @param port          SERVER_PORT
 * @param ip            SERVER_IP (the name clients and the validator use to reach the server)
 * @param listenBacklog SERVER_LISTEN_BACKLOG
 * @param loggingLevel  LOGGING_LEVEL, as written (printed back in the config line)
 */
public record ServerConfig(int port, String ip, int listenBacklog, String loggingLevel) {

    static final String[] KEYS = {"SERVER_PORT", "SERVER_IP", "SERVER_LISTEN_BACKLOG", "LOGGING_LEVEL"};

    /** The level to configure logging with. */
    public Level level() {
        try {
            return Tp0Logging.parseLevel(loggingLevel);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Loads {@code file} (which may be absent when the environment gives every key) and applies
     * the environment overrides.
     */
    public static ServerConfig load(Path file, Map<String, String> env) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        String fileProblem = null;
        try {
            values.putAll(parseIni(Files.readString(file, StandardCharsets.UTF_8), file));
        } catch (NoSuchFileException e) {
            fileProblem = file + " does not exist";
        } catch (IOException e) {
            fileProblem = file + " cannot be read (" + e.getMessage() + ")";
        }
        for (String key : KEYS) {
            String v = env.get(key);
            if (v != null) {
                values.put(key, v);
            }
        }
        for (String key : KEYS) {
            if (values.get(key) == null || values.get(key).isBlank()) {
                throw new ConfigException("missing configuration key " + key + ": set it in "
                        + (fileProblem != null ? fileProblem.replace(" does not exist", " (which does not exist)") : file)
                        + " ([DEFAULT] section) or in the environment variable " + key);
            }
        }
        int port = integer(values, "SERVER_PORT", 1, 65535);
        int backlog = integer(values, "SERVER_LISTEN_BACKLOG", 1, 65535);
        String level = values.get("LOGGING_LEVEL").strip();
        Tp0Logging.parseLevel(level);
        return new ServerConfig(port, values.get("SERVER_IP").strip(), backlog, level);
    }

    /** Keys of the {@code [DEFAULT]} section (and of lines before any section), upper-cased. */
    static Map<String, String> parseIni(String text, Path file) throws ConfigException {
        Map<String, String> values = new LinkedHashMap<>();
        String section = "DEFAULT";
        String[] lines = text.split("\r?\n", -1);
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) {
                continue;
            }
            if (line.startsWith("[")) {
                if (!line.endsWith("]")) {
                    throw new ConfigException(file + ":" + (n + 1) + ": malformed section header: " + line);
                }
                section = line.substring(1, line.length() - 1).strip();
                continue;
            }
            int eq = line.indexOf('=');
            int colon = line.indexOf(':');
            int sep = eq < 0 ? colon : (colon < 0 ? eq : Math.min(eq, colon));
            if (sep <= 0) {
                throw new ConfigException(file + ":" + (n + 1) + ": expected KEY = value, found: " + line);
            }
            if (section.equalsIgnoreCase("DEFAULT")) {
                values.put(line.substring(0, sep).strip().toUpperCase(Locale.ROOT), line.substring(sep + 1).strip());
            }
        }
        return values;
    }

    private static int integer(Map<String, String> values, String key, int min, int max) throws ConfigException {
        String raw = values.get(key).strip();
        try {
            int v = Integer.parseInt(raw);
            if (v < min || v > max) {
                throw new ConfigException("invalid " + key + " '" + raw + "': must be between " + min + " and " + max);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid " + key + " '" + raw + "': not a whole number");
        }
    }
}
