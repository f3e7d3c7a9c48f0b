package dev.tpharness.junit;

import static dev.tpharness.testsupport.EngineRuns.assertAllSucceeded;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.opentest4j.AssertionFailedError;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.Docker;
import dev.tpharness.compose.OutputDirectory;

/** The extension run through the JUnit engine against real stacks. */
class ComposeExtensionIT {

    static final String TICKER = "src/test/resources/compose/ticker.yaml";
    /** Projects seen by the fixture tests, in order. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        SEEN.clear();
    }

    @DockerCompose(file = TICKER)
    static class PerClass {
        @Test
        void first(ComposeStack stack) {
            SEEN.add(stack.project());
        }

        @Test
        void second(ComposeStack stack) {
            SEEN.add(stack.project());
        }

        @Nested
        class Inner {
            @Test
            void nested(ComposeStack stack) {
                SEEN.add(stack.project());
            }
        }
    }

    static class PerTest {
        @DockerCompose(file = TICKER)
        ComposeStack stack;

        @Test
        void first(ComposeStack injected) {
            assertThat(injected).isSameAs(stack);
            SEEN.add(stack.project());
        }

        @Test
        void second() {
            SEEN.add(stack.project());
        }
    }

    static class Programmatic {
        @RegisterExtension
        static ComposeExtension compose = ComposeExtension.builder().file(Path.of(TICKER)).build();

        @Test
        void first(ComposeStack stack) {
            SEEN.add(stack.project());
        }

        @Test
        void second(ComposeStack stack) {
            SEEN.add(stack.project());
        }
    }

    @DockerCompose(file = TICKER)
    static class Failing {
        @Test
        void seesWrongOutput(ComposeStack stack) {
            SEEN.add(stack.project());
            Docker.awaitUntil(() -> stack.logs("ticker").contains("ticker started"), "ticker started");
            throw new AssertionFailedError("echo mismatch", "hello", "hellO");
        }
    }

    @Test
    void aClassLevelDeclarationGivesOneStackToEveryTestAndNestedTestAndTakesItDown() {
        assertAllSucceeded(PerClass.class, 3);

        assertThat(SEEN).hasSize(3).containsOnly(SEEN.get(0));
        assertThat(Docker.labelled("container", "dev.tpharness.project=" + SEEN.get(0))).isEmpty();
    }

    @Test
    void anInstanceFieldDeclarationGivesEveryTestItsOwnStack() {
        assertAllSucceeded(PerTest.class, 2);

        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates();
        SEEN.forEach(p -> assertThat(Docker.labelled("container", "dev.tpharness.project=" + p)).isEmpty());
    }

    @Test
    void aStaticRegisteredExtensionGivesOneStackPerClass() {
        assertAllSucceeded(Programmatic.class, 2);

        assertThat(SEEN).hasSize(2).containsOnly(SEEN.get(0));
        assertThat(Docker.labelled("container", "dev.tpharness.project=" + SEEN.get(0))).isEmpty();
    }

    @Test
    void aFailingTestLeavesItsLogsWhereTheMessageSaysKeepingExpectedAndActual() throws Exception {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(Failing.class)).execute().testEvents();

        Throwable failure = tests.failed().stream().findFirst()
                .flatMap(e -> e.getPayload(TestExecutionResult.class)).flatMap(TestExecutionResult::getThrowable).orElseThrow();
        Path dir = OutputDirectory.resolve().resolve(Failing.class.getName() + ".seesWrongOutput_ComposeStack_");
        assertThat(failure).isInstanceOf(AssertionFailedError.class)
                .hasMessageStartingWith("echo mismatch")
                .hasMessageContaining("logs and state of stack " + SEEN.get(0))
                .hasMessageContaining("written to " + dir);
        assertThat(((AssertionFailedError) failure).getExpected().getValue()).isEqualTo("hello");
        assertThat(failure.getCause()).hasMessage("echo mismatch");
        assertThat(Files.readString(dir.resolve("ticker.log"))).contains("ticker started");
        assertThat(Files.readString(dir.resolve("state.txt"))).contains("ticker " + SEEN.get(0) + "-s1: status=running"); // a neutral container name, the service first
        assertThat(Docker.labelled("container", "dev.tpharness.project=" + SEEN.get(0))).isEmpty();
    }
}
