package dev.tpharness.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;

/** Runs a fixture test class through the Jupiter engine, for tests of what the extension does with it. */
public final class EngineRuns {

    private EngineRuns() {
    }

    /** The first failure of the class's run (of the class or of a test); an AssertionError if nothing failed. */
    public static Throwable failureOf(Class<?> testClass) {
        Events events = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().allEvents();
        return events.failed().stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable)
                .orElseThrow(() -> new AssertionError("expected " + testClass.getSimpleName() + " to fail"));
    }

    /** The message of the {@link ExtensionConfigurationException} the class fails with; an AssertionError if it does not. */
    public static String configurationFailureOf(Class<?> testClass) {
        Throwable failure = failureOf(testClass);
        assertThat(failure).isInstanceOf(ExtensionConfigurationException.class);
        return failure.getMessage();
    }

    /** Runs the class and fails with the first failure of its tests as cause unless exactly {@code count} tests ran and passed. */
    public static void assertAllSucceeded(Class<?> testClass, int count) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(testClass)).execute().testEvents();
        tests.failed().stream().findFirst().flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable).ifPresent(t -> {
                    throw new AssertionError("fixture test failed", t);
                });
        tests.assertStatistics(s -> s.started(count).succeeded(count));
    }
}
