package dev.tpharness.bench;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tpharness.grading.report.GradeReportListener;
import dev.tpharness.tp0.grading.support.Tp0Images;
import dev.tpharness.tp0.grading.support.Tp0Workspace;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Sections 1 and 2: the four exercise suites run in this JVM through the JUnit Launcher, exactly
 * as {@code ./mvnw verify} runs them (same {@code junit-platform.properties}), against this
 * repository's reference solution with its images already built; and the naive way (one stack at
 * a time, a throwaway probe container per message, images rebuilt per test).
 */
final class SuiteRuns {

    static final List<String> SUITES = List.of("Ej1Checks", "Ej2Checks", "Ej3Checks", "Ej4Checks");

    /** Wall-clock time of one run: in all, and per exercise (its suite class from start to end). */
    record Run(double totalSeconds, Map<String, Double> perExercise, int checks, List<String> failed) {
    }

    private SuiteRuns() {
    }

    /** The configuration parameters of the naive way. */
    static Map<String, String> naive() {
        return Map.of("junit.jupiter.execution.parallel.enabled", "false",
                Tp0Images.REBUILD_PER_TEST, "true",
                Tp0Workspace.PROBE_PER_MESSAGE, "true");
    }

    static Run run(String label, Map<String, String> parameters, Path reportFile) {
        Map<String, Long> classStarted = new ConcurrentHashMap<>();
        Map<String, Double> perExercise = new ConcurrentHashMap<>();
        List<String> failed = java.util.Collections.synchronizedList(new ArrayList<>());
        AtomicInteger checks = new AtomicInteger();
        TestExecutionListener listener = new TestExecutionListener() {
            @Override
            public void executionStarted(TestIdentifier id) {
                suiteOf(id).ifPresent(s -> classStarted.put(s, System.nanoTime()));
            }

            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                suiteOf(id).ifPresent(s -> perExercise.put(s.substring(0, 3).toLowerCase(java.util.Locale.ROOT),
                        (System.nanoTime() - classStarted.get(s)) / 1e9));
                if (id.isTest()) {
                    checks.incrementAndGet();
                }
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                    failed.add(id.getDisplayName() + ": " + result.getThrowable().map(t -> String.valueOf(t.getMessage())
                            .lines().findFirst().orElse("")).orElse(result.getStatus().toString()));
                }
            }
        };
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(SUITES.stream().map(s -> selectClass("dev.tpharness.tp0.grading." + s)).toList())
                .configurationParameters(parameters)
                .configurationParameter(GradeReportListener.REPORT_FILE, reportFile.toString())
                .configurationParameter(GradeReportListener.REPORT_LABEL, "[bench " + label + "]")
                .build();
        long t0 = System.nanoTime();
        LauncherFactory.create().execute(request, listener);
        double total = (System.nanoTime() - t0) / 1e9;
        return new Run(total, new TreeMap<>(perExercise), checks.get(), List.copyOf(failed));
    }

    /** The top-level suite class an identifier stands for, if it is one. */
    private static java.util.Optional<String> suiteOf(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).map(s -> ((ClassSource) s).getClassName())
                .map(c -> c.substring(c.lastIndexOf('.') + 1)).filter(SUITES::contains);
    }

    /** Figures of section 1 (or 2) from its runs. */
    static List<Figure> figures(String section, String what, List<Run> runs, Figure.Target totalTarget) {
        List<Figure> figures = new ArrayList<>();
        figures.add(new Figure(section, what + ": total", "s", runs.stream().map(Run::totalSeconds).toList(), totalTarget, note(runs)));
        Map<String, List<Double>> per = new LinkedHashMap<>();
        for (String s : SUITES) {
            String ex = s.substring(0, 3).toLowerCase(java.util.Locale.ROOT);
            per.put(ex, runs.stream().map(r -> r.perExercise().getOrDefault(ex, Double.NaN)).toList());
        }
        per.forEach((ex, samples) -> figures.add(new Figure(section, what + ": " + ex + " (wall clock of its suite)", "s", samples,
                Figure.Target.none(), "")));
        return figures;
    }

    static String note(List<Run> runs) {
        int checks = runs.isEmpty() ? 0 : runs.get(0).checks();
        long bad = runs.stream().filter(r -> !r.failed().isEmpty()).count();
        return bad == 0 ? checks + " checks, all passed"
                : bad + " of " + runs.size() + " runs had FAILED checks: " + runs.stream().flatMap(r -> r.failed().stream()).distinct().limit(3).toList();
    }
}
