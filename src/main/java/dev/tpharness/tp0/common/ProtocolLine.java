package dev.tpharness.tp0.common;

import java.util.Objects;

/**
 * Builds the message part of a log line of the course's protocol:
 * {@code action: <action> | result: <result> | key: value ...}. Keys are checked to be snake_case
 * so a typo cannot produce a line graders reject.
 */
public final class ProtocolLine {

    /** The only result values the course's graders accept. */
    public enum Result {
        SUCCESS("success"), FAIL("fail"), IN_PROGRESS("in_progress");

        private final String text;

        Result(String text) {
            this.text = text;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    private final StringBuilder text;

    private ProtocolLine(String action, Result result) {
        this.text = new StringBuilder("action: ").append(checkKey(action)).append(" | result: ").append(result);
    }

    public static ProtocolLine of(String action, Result result) {
        return new ProtocolLine(action, Objects.requireNonNull(result, "result"));
    }

    /** Appends {@code | key: value}; the value is written as given (it may contain colons). */
    public ProtocolLine with(String key, Object value) {
        text.append(" | ").append(checkKey(key)).append(": ").append(value);
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }

    private static String checkKey(String key) {
        if (key == null || !key.matches("[a-z][a-z0-9_]*")) {
            throw new IllegalArgumentException("protocol keys and actions are snake_case, got: " + key);
        }
        return key;
    }
}
