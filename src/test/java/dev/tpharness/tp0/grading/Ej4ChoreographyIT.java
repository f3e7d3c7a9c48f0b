package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * The mid-exchange stop of ej4 is driven by the grader's own events (the server's accept line, the
 * engine's delivery of the signal, then the peer's line released), not by the peer's or anyone's
 * timers: its verdict is the same beside a CPU hog that keeps both cores busy. A correct server
 * passes it; one that crashes when the signal finds it reading fails it.
 */
@Isolated("keeps every core busy: no other test should run beside it")
class Ej4ChoreographyIT {

    @TempDir
    Path dir;

    private final List<String> hogs = new ArrayList<>();

    @BeforeEach
    void busyEveryCore() {
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            List<String> run = new ArrayList<>(List.of("docker", "run", "-d", "--rm"));
            run.addAll(HarnessLabels.dockerArgs("cpu-hog"));
            run.addAll(List.of("--entrypoint", "sh", "alpine:3.20", "-c", "while :; do :; done"));
            CommandResult r = Command.of(run.toArray(String[]::new)).withTimeout(Duration.ofSeconds(60)).run();
            assertThat(r.exitCode()).as("start a CPU hog: %s", r.describe()).isZero();
            hogs.add(r.stdout().strip());
        }
    }

    @AfterEach
    void stopTheHogs() {
        for (String hog : hogs) {
            Command.of("docker", "rm", "-f", hog).withTimeout(Duration.ofSeconds(60)).run();
        }
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"correct, SUCCESSFUL", "server-crash-mid-read, FAILED"})
    void theMidExchangeVerdictHoldsBesideACpuHog(String variant, TestExecutionResult.Status expected) throws Exception {
        Path repo = Tp0FixtureRepos.create(dir, variant);
        List<TestExecutionResult> results = new ArrayList<>();
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectMethod(Ej4Checks.class, "serverStopsGracefullyMidExchange", dev.tpharness.tp0.grading.support.Tp0Workspace.class.getName()));
        new Tp0Part1().parameters(Optional.of(repo), dir.resolve("run")).forEach(request::configurationParameter);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(request.build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                if (id.isTest()) {
                    results.add(result);
                }
            }
        });

        assertThat(results).as("the one check ran").hasSize(1);
        assertThat(results.get(0).getStatus()).as("%s: %s", variant, results.get(0).getThrowable().map(Throwable::getMessage).orElse(""))
                .isEqualTo(expected);
    }
}
