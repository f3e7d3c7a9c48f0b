package dev.tpharness.tp0.client;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import ch.qos.logback.classic.Level;
import dev.tpharness.tp0.common.ConfigException;
import dev.tpharness.tp0.common.GoDuration;
import dev.tpharness.tp0.common.Tp0Logging;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The client's configuration: {@code config.yaml} ({@code server.address}, {@code loop.amount},
 * {@code loop.period}, {@code log.level}; other keys are ignored) overridden by {@code CLI_ID},
 * {@code CLI_SERVER_ADDRESS}, {@code CLI_LOOP_AMOUNT}, {@code CLI_LOOP_PERIOD}, {@code CLI_LOG_LEVEL}.
 *
 * @param id            CLI_ID (or {@code id} in the file)
 * @param serverAddress {@code host:port}
 * @param loopAmount    messages to send
 * @param loopPeriod    pause after each message
 * @param logLevel      as written (printed back in the config line)
 */
public record ClientConfig(String id, String serverAddress, int loopAmount, Duration loopPeriod, String logLevel) {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    public Level level() {
        try {
            return Tp0Logging.parseLevel(logLevel);
        } catch (ConfigException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Host part of {@link #serverAddress()}. */
    public String host() {
        return serverAddress.substring(0, serverAddress.lastIndexOf(':'));
    }

    /** Port part of {@link #serverAddress()}. */
    public int port() {
        return Integer.parseInt(serverAddress.substring(serverAddress.lastIndexOf(':') + 1));
    }

    public static ClientConfig load(Path file, Map<String, String> env) throws ConfigException {
        JsonNode root = null;
        String fileProblem = null;
        try {
            String text = Files.readString(file);
            root = text.isBlank() ? null : YAML.readTree(text);
            if (root != null && !root.isObject() && !root.isNull() && !root.isMissingNode()) {
                throw new ConfigException(file + ": expected a YAML mapping (server, loop, log), found " + root.getNodeType());
            }
        } catch (NoSuchFileException e) {
            fileProblem = file + " (which does not exist)";
        } catch (IOException e) {
            fileProblem = file + " (which cannot be read: " + e.getMessage() + ")";
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String line = loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr();
            throw new ConfigException(file + line + ": not valid YAML: " + e.getOriginalMessage());
        }
        String where = fileProblem != null ? fileProblem : file.toString();
        Lookup lookup = new Lookup(root, env, where);
        String id = lookup.get("id", "CLI_ID");
        String address = lookup.get("server.address", "CLI_SERVER_ADDRESS");
        String amount = lookup.get("loop.amount", "CLI_LOOP_AMOUNT");
        String period = lookup.get("loop.period", "CLI_LOOP_PERIOD");
        String level = lookup.get("log.level", "CLI_LOG_LEVEL");

        int colon = address.lastIndexOf(':');
        if (colon <= 0 || colon == address.length() - 1) {
            throw new ConfigException("invalid server.address '" + address + "': expected host:port, e.g. server:12345");
        }
        try {
            int port = Integer.parseInt(address.substring(colon + 1));
            if (port < 1 || port > 65535) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid server.address '" + address + "': the port must be a number between 1 and 65535");
        }
        int loopAmount;
        try {
            loopAmount = Integer.parseInt(amount);
            if (loopAmount < 0) {
                throw new NumberFormatException();
            }
        } catch (NumberFormatException e) {
            throw new ConfigException("invalid loop.amount '" + amount + "': must be a whole number, 0 or more");
        }
        Duration loopPeriod;
        try {
            loopPeriod = GoDuration.parse(period);
        } catch (IllegalArgumentException e) {
            throw new ConfigException("invalid loop.period: " + e.getMessage());
        }
        if (loopPeriod.isNegative()) {
            throw new ConfigException("invalid loop.period '" + period + "': must not be negative");
        }
        Tp0Logging.parseLevel(level);
        return new ClientConfig(id, address, loopAmount, loopPeriod, level);
    }

    /** Environment first, then the file; a missing value is a configuration error naming both places. */
    private record Lookup(JsonNode root, Map<String, String> env, String where) {
        String get(String dottedKey, String envName) throws ConfigException {
            String fromEnv = env.get(envName);
            if (fromEnv != null && !fromEnv.isBlank()) {
                return fromEnv.strip();
            }
            JsonNode node = root;
            for (String part : dottedKey.split("\\.")) {
                node = node == null ? null : node.get(part);
            }
            if (node != null && node.isValueNode() && !node.isNull() && !node.asString().isBlank()) {
                return node.asString().strip();
            }
            if (node != null && !node.isValueNode()) {
                throw new ConfigException("invalid " + dottedKey + " in " + where + ": expected a single value, found " + node.getNodeType());
            }
            throw new ConfigException("missing configuration key " + dottedKey + ": set it in " + where
                    + " or in the environment variable " + envName);
        }
    }
}
