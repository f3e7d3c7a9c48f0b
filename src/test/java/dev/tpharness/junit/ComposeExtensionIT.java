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

    /** Judges how the stack stops, then fails: its evidence must come from what down() read. */
    @DockerCompose(file = TICKER)
    static class FailingAfterDown {
        @Test
        void failsAfterTakingTheStackDown(ComposeStack stack) {
            SEEN.add(stack.project());
            Docker.awaitUntil(() -> stack.logs("ticker").contains("ticker started"), "ticker started");
            stack.down(java.time.Duration.ofSeconds(5));
            throw new AssertionError("the stop was judged wrong");
        }
    }

    /** Its stack cannot start: the compose CLI named in the configuration fails `up`, and `down` too. */
    @DockerCompose(file = TICKER)
    static class CannotStart {
        @Test
        void neverRuns() {
            SEEN.add("ran");
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
        assertThat(failure.getCause()).as("no cause repeating the same message").isNull();
        java.io.StringWriter printed = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(printed));
        assertThat(printed.toString().split("echo mismatch", -1)).as("the message printed once: %s", printed).hasSize(2);
        assertThat(failure.getStackTrace()[0].getMethodName()).isEqualTo("seesWrongOutput");
        assertThat(Files.readString(dir.resolve("ticker.log"))).contains("ticker started");
        assertThat(Files.readString(dir.resolve("state.txt"))).contains("ticker " + SEEN.get(0) + "-s1: status=running"); // a neutral container name, the service first
        assertThat(Docker.labelled("container", "dev.tpharness.project=" + SEEN.get(0))).isEmpty();
    }

    @Test
    void aTestThatFailsAfterDownGetsTheLogsAndExitCodesThatDownRead() throws Exception {
        Throwable failure = EngineTestKit.engine("junit-jupiter").selectors(selectClass(FailingAfterDown.class)).execute().testEvents()
                .failed().stream().findFirst().flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        Path dir = OutputDirectory.resolve().resolve(FailingAfterDown.class.getName() + ".failsAfterTakingTheStackDown_ComposeStack_");

        assertThat(failure).hasMessageStartingWith("the stop was judged wrong")
                .hasMessageContaining("logs and state of stack " + SEEN.get(0)).hasMessageContaining("written to " + dir);
        assertThat(Files.readString(dir.resolve("ticker.log"))).contains("ticker started").contains("ticker stopping");
        assertThat(Files.readString(dir.resolve("state.txt"))).containsPattern("ticker \\S+: status=removed exitCode=0 .*verdict=GRACEFUL");
    }

    @Test
    void aStackThatCannotStartFailsWithUpsOwnErrorNotTheCleanups(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
        Path fake = dev.tpharness.testsupport.FakeCompose.failingUpAndDown(tmp);

        Events all = EngineTestKit.engine("junit-jupiter").configurationParameter("tp.compose.command", fake.toString())
                .selectors(selectClass(CannotStart.class)).execute().allEvents();

        Throwable failure = all.failed().stream().findFirst().flatMap(e -> e.getPayload(TestExecutionResult.class))
                .flatMap(TestExecutionResult::getThrowable).orElseThrow();
        assertThat(failure).hasMessageContaining("simulated: up failed, port is already allocated")
                .hasMessageNotContaining("simulated: down failed");
        assertThat(failure.getSuppressed()).anySatisfy(s -> assertThat(s).hasMessageContaining("simulated: down failed"));
        assertThat(SEEN).isEmpty();
    }
}
