package dev.tpharness.tp0.common;

import java.time.Duration;
import java.util.Map;

/**
 * Durations in Go's syntax ({@code 100ms}, {@code 5s}, {@code 1m30s}, {@code 1.5s}), as the course's
 * client configuration writes them. {@link #format} prints exactly what Go's
 * {@code time.Duration.String()} prints, so log lines match a Go client's byte for byte.
 */
public final class GoDuration {

    private static final Map<String, Long> UNIT_NANOS = Map.of(
            "ns", 1L,
            "us", 1_000L,
            "\u00b5s", 1_000L, // micro sign
            "\u03bcs", 1_000L, // Greek mu
            "ms", 1_000_000L,
            "s", 1_000_000_000L,
            "m", 60_000_000_000L,
            "h", 3_600_000_000_000L);

    private GoDuration() {
    }

    /**
     * Parses a Go duration such as {@code 300ms}, {@code 1.5h} or {@code 2h45m}. A bare {@code 0} is
     * allowed; any other number needs a unit.
     *
     * @throws IllegalArgumentException with the offending text when it is not a Go duration
     */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException("missing duration");
        }
        String s = text.strip();
        if (s.isEmpty()) {
            throw invalid(text, "empty");
        }
        boolean negative = false;
        int i = 0;
        if (s.charAt(0) == '-' || s.charAt(0) == '+') {
            negative = s.charAt(0) == '-';
            i = 1;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw invalid(text, "no number");
        }
        java.math.BigDecimal total = java.math.BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
                i++;
            }
            String number = s.substring(start, i);
            if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
                throw invalid(text, "expected a number at position " + start);
            }
            int unitStart = i;
            while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
                i++;
            }
            String unit = s.substring(unitStart, i);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw invalid(text, unit.isEmpty() ? "missing unit after " + number : "unknown unit '" + unit + "'");
            }
            total = total.add(new java.math.BigDecimal(number).multiply(java.math.BigDecimal.valueOf(nanos)));
        }
        if (total.compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw invalid(text, "out of range");
        }
        long n = total.setScale(0, java.math.RoundingMode.DOWN).longValueExact();
        return Duration.ofNanos(negative ? -n : n);
    }

    /** Formats like Go's {@code Duration.String()}: {@code 0s}, {@code 100ms}, {@code 1.5s}, {@code 1m30s}, {@code 1h0m0s}. */
    public static String format(Duration duration) {
        long d = duration.toNanos();
        if (d == 0) {
            return "0s";
        }
        boolean negative = d < 0;
        // Long.MIN_VALUE has no positive counterpart; Go handles it through unsigned maths.
        long u = negative ? -d : d;
        StringBuilder sb = new StringBuilder();
        if (u < 1_000_000_000L) {
            if (u < 1_000L) {
                sb.append(u).append("ns");
            } else if (u < 1_000_000L) {
                sb.append(fraction(u, 3)).append("\u00b5s");
            } else {
                sb.append(fraction(u, 6)).append("ms");
            }
        } else {
            String seconds = fraction(u % 60_000_000_000L, 9);
            long minutes = u / 60_000_000_000L;
            if (minutes > 0) {
                long hours = minutes / 60;
                if (hours > 0) {
                    sb.append(hours).append('h');
                }
                sb.append(minutes % 60).append('m');
            }
            sb.append(seconds).append('s');
        }
        return negative ? "-" + sb : sb.toString();
    }

    /** {@code v / 10^digits} with the non-zero part of the fraction, e.g. (1500, 3) -> "1.5". */
    private static String fraction(long v, int digits) {
        long scale = 1;
        for (int k = 0; k < digits; k++) {
            scale *= 10;
        }
        long whole = v / scale;
        long frac = v % scale;
        if (frac == 0) {
            return Long.toString(whole);
        }
        String f = String.format("%0" + digits + "d", frac).replaceFirst("0+$", "");
        return whole + "." + f;
    }

    private static IllegalArgumentException invalid(String text, String why) {
        return new IllegalArgumentException("invalid duration '" + text + "' (" + why
                + "); use Go syntax such as 100ms, 5s or 1m30s");
    }
}
