package dev.tpharness.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row of the benchmark table: what was measured, every sample, and the target it is held to.
 *
 * @param section the section number and title, e.g. {@code 4 netcat probe}
 * @param name    what the figure is, e.g. {@code reused probe, per message (median of 100)}
 * @param unit    {@code s}, {@code ms}, {@code MiB}, {@code x} or {@code %}
 * @param samples one value per repetition
 * @param target  what the issue asks for
 * @param note    anything a reader needs next to the number (failed checks, method); may be empty
 */
record Figure(String section, String name, String unit, List<Double> samples, Target target, String note) {

    Figure {
        samples = List.copyOf(samples);
    }

    /** A bound a figure must stay under, or reach. */
    record Target(String text, Double bound, boolean atLeast) {
        static Target under(double bound, String text) {
            return new Target(text, bound, false);
        }

        static Target atLeast(double bound, String text) {
            return new Target(text, bound, true);
        }

        static Target none() {
            return new Target("", null, false);
        }
    }

    double median() {
        return median(samples);
    }

    /** The median of some samples (NaN for none). */
    static double median(List<Double> samples) {
        List<Double> s = new ArrayList<>(samples);
        s.sort(null);
        int n = s.size();
        return n == 0 ? Double.NaN : n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    double min() {
        return samples.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    double max() {
        return samples.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    /** "yes", "no", or "" when there is no target; "no" whenever the note reports a failure. */
    String met() {
        if (target.bound() == null) {
            return "";
        }
        if (samples.isEmpty() || note.contains("FAILED")) {
            return "no";
        }
        double m = median();
        return (target.atLeast() ? m >= target.bound() : m < target.bound()) ? "yes" : "no";
    }

    String format(double v) {
        if (Double.isNaN(v)) {
            return "-";
        }
        return switch (unit) {
            case "ms" -> String.format(Locale.ROOT, v < 100 ? "%.1f ms" : "%.0f ms", v);
            case "s" -> String.format(Locale.ROOT, "%.2f s", v);
            case "MiB" -> String.format(Locale.ROOT, "%.1f MiB", v);
            case "x" -> String.format(Locale.ROOT, "%.2fx", v);
            case "%" -> String.format(Locale.ROOT, "%+.1f %%", v);
            default -> String.format(Locale.ROOT, "%.2f %s", v, unit);
        };
    }

    String markdownRow() {
        return "| " + section + " | " + name + (note.isEmpty() ? "" : " (" + note.replace("|", "\\|").replace("\n", " ") + ")") + " | " + format(median())
                + " (N=" + samples.size() + ") | " + format(min()) + " | " + format(max()) + " | " + target.text()
                + " | " + met() + " |";
    }
}
