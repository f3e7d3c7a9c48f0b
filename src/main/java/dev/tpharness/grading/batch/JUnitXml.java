package dev.tpharness.grading.batch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A student's result as JUnit XML ({@code junit.xml}), for CI systems that show test reports: one
 * {@code testsuite} per exercise, one {@code testcase} per check. FAIL is a {@code failure}, NOT
 * RUN is {@code skipped}, WARN is a {@code failure} only when graded with {@code --strict} and a
 * passed case with the advice in {@code system-out} otherwise; a repository that could not be
 * graded is one {@code error}.
 */
public final class JUnitXml {

    private JUnitXml() {
    }

    public static void write(StudentResult r, Path file) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, of(r), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    public static String of(StudentResult r) {
        StringBuilder x = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        long failures = r.checks().stream().filter(c -> failed(r, c)).count();
        long skipped = r.checks().stream().filter(c -> c.verdict().equals("NOT RUN")).count();
        x.append("<testsuites name=\"").append(attr(r.assignment().isEmpty() ? "grading" : r.assignment())).append(' ').append(attr(r.name())).append("\" tests=\"").append(Math.max(1, r.checks().size()))
                .append("\" failures=\"").append(failures).append("\" errors=\"").append(r.error() == null ? 0 : 1)
                .append("\" skipped=\"").append(skipped).append("\" time=\"").append(secs(r.seconds())).append("\">\n");
        if (r.error() != null) {
            x.append("  <testsuite name=\"").append(attr(r.name())).append(".grading\" tests=\"1\" failures=\"0\" errors=\"1\" skipped=\"0\">\n")
                    .append("    <testcase classname=\"").append(attr(r.name())).append(".grading\" name=\"grading\">\n")
                    .append("      <error message=\"").append(attr(r.error())).append("\"/>\n    </testcase>\n  </testsuite>\n");
        }
        for (StudentResult.Exercise e : r.exercises()) {
            List<StudentResult.Check> own = r.checks().stream().filter(c -> c.exercise().equals(e.exercise())).toList();
            String suite = attr(r.name() + "." + e.exercise());
            x.append("  <testsuite name=\"").append(suite).append("\" tests=\"").append(own.size()).append("\" failures=\"")
                    .append(own.stream().filter(c -> failed(r, c)).count()).append("\" errors=\"0\" skipped=\"")
                    .append(own.stream().filter(c -> c.verdict().equals("NOT RUN")).count()).append("\" time=\"").append(secs(e.seconds()))
                    .append("\">\n");
            for (StudentResult.Check c : own) {
                x.append("    <testcase classname=\"").append(suite).append("\" name=\"").append(attr(c.tier() + ": " + c.name()))
                        .append("\" time=\"").append(secs(c.seconds())).append("\">\n");
                if (failed(r, c)) {
                    x.append("      <failure type=\"").append(c.verdict()).append("\" message=\"").append(attr(c.reason())).append("\">")
                            .append(text(c.source())).append("</failure>\n");
                } else if (c.verdict().equals("NOT RUN")) {
                    x.append("      <skipped message=\"").append(attr(c.reason())).append("\"/>\n");
                } else if (c.verdict().equals("WARN")) {
                    x.append("      <system-out>").append(text("WARN (advice, counts only with --strict): " + c.reason() + "\n" + c.source()))
                            .append("</system-out>\n");
                }
                x.append("    </testcase>\n");
            }
            x.append("  </testsuite>\n");
        }
        return x.append("</testsuites>\n").toString();
    }

    private static boolean failed(StudentResult r, StudentResult.Check c) {
        return c.verdict().equals("FAIL") || (r.strict() && c.verdict().equals("WARN"));
    }

    private static String secs(double s) {
        return String.format(Locale.ROOT, "%.3f", s);
    }

    private static String text(String s) {
        return clean(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String attr(String s) {
        return text(s).replace("\"", "&quot;").replace("\n", "&#10;");
    }

    /** Characters XML 1.0 cannot hold at all (control characters from a student's output) become '?'. */
    private static String clean(String s) {
        return s == null ? "" : s.replaceAll("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFE\\uFFFF]", "?");
    }
}
