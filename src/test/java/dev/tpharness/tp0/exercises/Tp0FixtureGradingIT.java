package dev.tpharness.tp0.exercises;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import dev.tpharness.tp0.exercises.report.GradeReportListener;
import dev.tpharness.tp0.exercises.support.Tp0Target;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The exercise suites graded against the fixture TP0 repositories (BusyBox solutions, one correct,
 * each broken one wrong in exactly one way): the correct one passes every check, each broken one
 * fails exactly the checks its defect breaks and passes all the others. This is what proves that
 * every verdict of the suites can fail, and fails for the right reason.
 */
@Tag("fixtures")
class Tp0FixtureGradingIT {

    private static final List<Class<?>> SUITES = List.of(Ej1IT.class, Ej2IT.class, Ej3IT.class, Ej4IT.class);

    /** The checks (by display-name fragment) each variant must fail; every other check must pass. */
    private static final Map<String, Set<String>> EXPECTED_FAILURES = Map.of(
            "correct", Set.of(),
            "wrong-container-names", Set.of(
                    "ej1 0 clients: contract structure", "ej1 1 clients: contract structure", "ej1 2 clients: contract structure",
                    "ej1 5 clients: contract structure", "ej1 20 clients: contract structure"),
            "env-overrides-config", Set.of(
                    "ej2 config files are mounted and no environment variable overrides them",
                    "ej2 two configurations take effect on up"),
            "validator-always-success", Set.of(
                    "ej3 fail against a mock that prefixes its reply", "ej3 fail with no server on the network"),
            "server-ignores-sigterm", Set.of(
                    "ej4 SIGTERM to the server while a client is connected", "ej4 down -t 10 of the whole stack"),
            "client-exits-1", Set.of(
                    "ej1 1 clients x 1 messages", "ej1 2 clients x 3 messages", "ej1 5 clients x 5 messages",
                    "ej4 SIGTERM to a client in the middle of its loop", "ej4 down -t 10 of the whole stack"));

    static List<String> variants() {
        return Tp0FixtureRepos.variants();
    }

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void failsExactlyTheChecksItsDefectBreaks(String variant) {
        assertThat(EXPECTED_FAILURES).as("expected verdicts are declared for every fixture").containsKey(variant);
        Path repo = Tp0FixtureRepos.create(dir, variant);
        Map<String, String> failed = new ConcurrentHashMap<>();
        Set<String> passed = new TreeSet<>();
        TestExecutionListener collect = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (!id.isTest()) {
                    if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL) {
                        failed.put("(container) " + id.getDisplayName(), String.valueOf(result.getThrowable().orElse(null)));
                    }
                    return;
                }
                String name = exerciseOf(id) + " " + id.getDisplayName();
                if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                    synchronized (passed) {
                        passed.add(name);
                    }
                } else {
                    failed.put(name, result.getThrowable().map(t -> {
                        String m = String.valueOf(t.getMessage());
                        return m.length() > 3000 ? m.substring(0, 3000) + "..." : m;
                    }).orElse(""));
                }
            }
        };
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(SUITES.stream().map(c -> selectClass(c)).toList())
                .configurationParameter(Tp0Target.REPO_PARAMETER, repo.toString())
                .configurationParameter(GradeReportListener.REPORT_FILE, dir.resolve("report-" + variant + ".md").toString())
                .configurationParameter(GradeReportListener.REPORT_LABEL, "[" + variant + "]")
                .build();
        LauncherFactory.create().execute(request, collect);

        Set<String> expected = EXPECTED_FAILURES.get(variant);
        assertThat(passed.size() + failed.size()).as("checks run against %s", variant).isGreaterThanOrEqualTo(20);
        for (String mustFail : expected) {
            assertThat(failed.keySet()).as("%s must fail '%s' (%s); failed: %s", variant, mustFail,
                    Tp0FixtureRepos.whatIsWrong(variant).strip(), failed).anySatisfy(name -> assertThat(name).startsWith(mustFail));
        }
        Map<String, String> unexpected = new java.util.TreeMap<>(failed);
        unexpected.keySet().removeIf(name -> expected.stream().anyMatch(name::startsWith));
        assertThat(unexpected).as("checks that %s failed although its defect should not break them", variant).isEmpty();
    }

    private static String exerciseOf(TestIdentifier id) {
        String uid = id.getUniqueId();
        for (Class<?> suite : SUITES) {
            if (uid.contains(suite.getName())) {
                return suite.getSimpleName().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
            }
        }
        return "?";
    }
}
