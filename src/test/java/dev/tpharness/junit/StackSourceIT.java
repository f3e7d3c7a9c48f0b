package dev.tpharness.junit;

import static dev.tpharness.testsupport.EngineRuns.assertAllSucceeded;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.Docker;
import dev.tpharness.compose.model.ComposeFile;

/** An assignment's own annotation, through its own source, runs real stacks with the lifecycle of @DockerCompose. */
class StackSourceIT {

    /** Projects and services seen by the fixture tests, in order. */
    static final List<String> SEEN = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        SEEN.clear();
    }

    @Target({ElementType.TYPE, ElementType.FIELD})
    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(TickerSource.class)
    @interface TickerStack {
        /** Name of the one service, renamed from the fixture's {@code ticker}. */
        String service();
    }

    static final class TickerSource implements StackSource<TickerStack> {
        @Override
        public StackDefinition define(TickerStack a, String declared) {
            String service = a.service();
            return StackDefinition.of(() -> {
                ComposeFile fixture = ComposeFile.read(Path.of(ComposeExtensionIT.TICKER));
                ComposeFile file = ComposeFile.empty().withSource(fixture.source().orElseThrow());
                file.addService(service).setAll(fixture.service("ticker"));
                return file;
            });
        }
    }

    @TickerStack(service = "clock")
    static class OnClass {
        @Test
        void first(ComposeStack stack) {
            SEEN.add(stack.project() + " " + stack.services());
        }

        @Test
        void second(ComposeStack stack) {
            SEEN.add(stack.project() + " " + stack.services());
        }
    }

    static class OnInstanceField {
        @TickerStack(service = "metronome")
        ComposeStack stack;

        @Test
        void first(ComposeStack injected) {
            assertThat(injected).isSameAs(stack);
            SEEN.add(stack.project() + " " + stack.services());
        }

        @Test
        void second() {
            SEEN.add(stack.project() + " " + stack.services());
        }
    }

    @Test
    void aClassLevelAnnotationOfAnAssignmentGivesOneStackOfItsSourcesFileToEveryTest() {
        assertAllSucceeded(OnClass.class, 2);

        assertThat(SEEN).hasSize(2).containsOnly(SEEN.get(0));
        assertThat(SEEN.get(0)).endsWith(" [clock]");
        assertThat(Docker.labelled("container", "dev.tpharness.project=" + SEEN.get(0).split(" ")[0])).isEmpty();
    }

    @Test
    void anInstanceFieldAnnotationOfAnAssignmentGivesEveryTestItsOwnStack() {
        assertAllSucceeded(OnInstanceField.class, 2);

        assertThat(SEEN).hasSize(2).doesNotHaveDuplicates().allMatch(s -> s.endsWith(" [metronome]"));
    }
}
