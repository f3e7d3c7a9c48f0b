package dev.tpharness.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One line of the log protocol, {@code action: X | result: Y | key: value ...}, parsed leniently:
 * {@link #parse} strips the compose prefix ({@code client1  | }, {@code tp0-client1-1  | }), ANSI
 * escapes (colours, {@code ESC[2K}) and the {@code YYYY-MM-DD HH:MM:SS LEVEL} prefix, splits the
 * fields on {@code |} and each field on its FIRST colon ({@code server_address: server:12345}
 * stays whole). Anything that breaks the contract is kept and listed in {@link #violations()},
 * so a test can both read the line and fail on it.
 *
 * <pre>{@code
 * LogLine line = LogLine.parse("client1  | 2024-03-01 10:00:00 INFO     action: config | result: success | server_address: server:12345").orElseThrow();
 * line.action();                    // "config"
 * line.field("server_address");     // Optional["server:12345"]
 * LogLine.parse("Starting server"); // Optional.empty(): not a protocol line
 * }</pre>
 *
 * @param raw        the line as received
 * @param source     the compose prefix (service or container name), if there was one
 * @param timestamp  the {@code YYYY-MM-DD HH:MM:SS} prefix as written, if there was one
 * @param level      the log level ({@code INFO}, {@code DEBUG}, ...), if there was one
 * @param action     the value of the first field, {@code action}
 * @param result     the value of the {@code result} field, kept whatever it is; empty if missing
 * @param fields     the fields after {@code result}, in order (first occurrence of a key wins)
 * @param violations every way the line breaks the protocol contract; empty for a conforming line
 */
public record LogLine(
        String raw,
        Optional<String> source,
        Optional<String> timestamp,
        Optional<String> level,
        String action,
        String result,
        Map<String, String> fields,
        List<String> violations) {

    /** The only result values the contract allows. */
    public static final Set<String> KNOWN_RESULTS = Set.of("success", "fail", "in_progress");

    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)?|[@-Z\\\\-_])");
    private static final Pattern COMPOSE_PREFIX = Pattern.compile("^\\s*([A-Za-z0-9][A-Za-z0-9_.-]*)\\s*\\|\\s?");
    private static final Pattern TIME_AND_LEVEL = Pattern.compile(
            "^(\\d{4}[-/]\\d{2}[-/]\\d{2}[ T]\\d{2}:\\d{2}:\\d{2}(?:[.,]\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)?\\s*(?:([A-Z]+)\\s+)?");
    private static final Pattern SNAKE_CASE = Pattern.compile("[a-z][a-z0-9]*(?:_[a-z0-9]+)*");

    public LogLine {
        Objects.requireNonNull(raw, "raw");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(result, "result");
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        violations = List.copyOf(violations);
    }

    /**
     * Parses one line; empty when it is not a protocol line (after the prefixes it does not start
     * with {@code action:}). Never throws for any non-null input.
     */
    public static Optional<LogLine> parse(String raw) {
        Objects.requireNonNull(raw, "raw");
        String text = stripAnsi(raw).replace("\r", "");
        Optional<String> source = Optional.empty();
        Matcher prefix = COMPOSE_PREFIX.matcher(text);
        if (prefix.find()) {
            source = Optional.of(prefix.group(1));
            text = text.substring(prefix.end());
        }
        Matcher tl = TIME_AND_LEVEL.matcher(text);
        Optional<String> timestamp = Optional.empty();
        Optional<String> level = Optional.empty();
        if (tl.find()) {
            timestamp = Optional.ofNullable(tl.group(1));
            level = Optional.ofNullable(tl.group(2));
            text = text.substring(tl.end());
        }
        String message = text.strip();
        if (!message.startsWith("action:")) {
            return Optional.empty();
        }
        return Optional.of(parseMessage(raw, source, timestamp, level, message));
    }

    /** The line without ANSI escape sequences (colours, cursor and erase-line codes). */
    public static String stripAnsi(String line) {
        return ANSI.matcher(line).replaceAll("");
    }

    private static LogLine parseMessage(String raw, Optional<String> source, Optional<String> timestamp,
            Optional<String> level, String message) {
        List<String> violations = new ArrayList<>();
        String[] parts = message.split("\\|", -1);
        String action = parts[0].substring(parts[0].indexOf(':') + 1).strip();
        if (action.isEmpty()) {
            violations.add("the action is empty");
        }
        String result = "";
        int next = 1;
        if (parts.length > 1 && keyOf(parts[1]).equals("result")) {
            result = valueOf(parts[1]);
            next = 2;
            if (!KNOWN_RESULTS.contains(result)) {
                violations.add("result '" + result + "' is not one of success, fail, in_progress");
            }
        } else {
            violations.add("the second field is not 'result: ...'");
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = next; i < parts.length; i++) {
            String field = parts[i].strip();
            int colon = field.indexOf(':');
            if (field.isEmpty()) {
                violations.add("field " + (i + 1) + " is empty");
            } else if (colon < 0) {
                violations.add("field '" + field + "' is not 'key: value' (no colon)");
            } else {
                String key = field.substring(0, colon).strip();
                if (!SNAKE_CASE.matcher(key).matches()) {
                    violations.add("key '" + key + "' is not snake_case");
                }
                if (key.equals("result") || key.equals("action")) {
                    violations.add("key '" + key + "' appears again in field " + (i + 1));
                } else if (fields.putIfAbsent(key, field.substring(colon + 1).strip()) != null) {
                    violations.add("key '" + key + "' appears more than once");
                }
            }
        }
        return new LogLine(raw, source, timestamp, level, action, result, fields, violations);
    }

    private static String keyOf(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? field.strip() : field.substring(0, colon).strip();
    }

    private static String valueOf(String field) {
        int colon = field.indexOf(':');
        return colon < 0 ? "" : field.substring(colon + 1).strip();
    }

    /** The value of a field after {@code result}, if present. */
    public Optional<String> field(String key) {
        return Optional.ofNullable(fields.get(key));
    }

    /** Whether {@code result} is one of {@link #KNOWN_RESULTS}. */
    public boolean hasKnownResult() {
        return KNOWN_RESULTS.contains(result);
    }

    /** Whether the line follows the protocol contract (no {@link #violations()}). */
    public boolean isContractConforming() {
        return violations.isEmpty();
    }

    /** The protocol part, rebuilt: {@code action: X | result: Y | key: value ...}. */
    public String message() {
        StringBuilder sb = new StringBuilder("action: ").append(action).append(" | result: ").append(result);
        fields.forEach((k, v) -> sb.append(" | ").append(k).append(": ").append(v));
        return sb.toString();
    }

    @Override
    public String toString() {
        return source.map(s -> s + " | ").orElse("") + message();
    }
}
