package dev.tpharness.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one parser for the values of settings: durations, byte sizes and booleans, each failure an
 * {@link IllegalArgumentException} naming the setting, the value and what is accepted.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class Values {

    private static final Pattern DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

    private Values() {
    }

    /**
     * {@code 30s}, {@code 500ms}, {@code 2m}, {@code 1h}, {@code 1m30s}, {@code 0} or ISO-8601
     * ({@code PT30S}); never negative.
     *
     * @param setting names the setting in the error, e.g. {@code tp.docker.apiTimeout}
     */
    public static Duration duration(String text, String setting) {
        String t = text == null ? "" : text.strip();
        IllegalArgumentException bad = new IllegalArgumentException(setting + "=" + text
                + " is not a duration; use e.g. 30s, 500ms, 2m, 1h, 1m30s or ISO-8601 PT30S");
        if (t.equals("0")) {
            return Duration.ZERO;
        }
        Duration d;
        if (t.startsWith("P") || t.startsWith("p") || t.startsWith("-P")) {
            try {
                d = Duration.parse(t);
            } catch (java.time.format.DateTimeParseException e) {
                bad.initCause(e);
                throw bad;
            }
        } else {
            Matcher m = DURATION_PART.matcher(t.toLowerCase(Locale.ROOT));
            int at = 0;
            d = Duration.ZERO;
            while (at < t.length() && m.find(at) && m.start() == at) {
                BigDecimal amount = new BigDecimal(m.group(1));
                long nanosPerUnit = switch (m.group(2)) {
                    case "ms" -> 1_000_000L;
                    case "s" -> 1_000_000_000L;
                    case "m" -> 60_000_000_000L;
                    case "h" -> 3_600_000_000_000L;
                    default -> 86_400_000_000_000L;
                };
                d = d.plusNanos(amount.multiply(BigDecimal.valueOf(nanosPerUnit)).longValue());
                at = m.end();
            }
            if (t.isEmpty() || at != t.length()) {
                throw bad;
            }
        }
        if (d.isNegative()) {
            throw new IllegalArgumentException(setting + "=" + text + " must not be negative");
        }
        return d;
    }

    /**
     * Bytes as people write them: {@code 8m}, {@code 512k}, {@code 1g}, {@code 1.5g}, {@code 10MiB},
     * {@code 4096}; binary units; positive.
     */
    public static long size(String text, String setting) {
        Matcher m = SIZE.matcher(text == null ? "" : text.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(setting + "=" + text + " is not a size; use e.g. 8m, 512k, 1g or a number of bytes");
        }
        int shift = switch (m.group(2).toLowerCase(Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            default -> 0;
        };
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(1L << shift));
        if (bytes.signum() <= 0 || bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException(setting + "=" + text + " must be a positive size, e.g. 8m");
        }
        return bytes.longValue();
    }

    /** {@code true} or {@code false}, any case. */
    public static boolean bool(String text, String setting) {
        String t = text == null ? "" : text.strip();
        if (t.equalsIgnoreCase("true")) {
            return true;
        }
        if (t.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(setting + "=" + text + " is not understood; use true or false");
    }

    /** A positive whole number. */
    public static long positive(String text, String setting) {
        try {
            long n = Long.parseLong(text == null ? "" : text.strip());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException e) {
            // the message below
        }
        throw new IllegalArgumentException(setting + "=" + text + " is not a positive whole number");
    }

    /** {@code 512 B}, {@code 1.5 KiB}, {@code 8.0 MiB}. */
    public static String humanSize(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1 << 20) {
            return String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0);
        }
        return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
    }
}
