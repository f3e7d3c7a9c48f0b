package dev.tpharness.junit;

import static dev.tpharness.testsupport.EngineRuns.configurationFailureOf;
import static dev.tpharness.testsupport.EngineRuns.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;

/**
 * The extension point: an annotation meta-annotated with {@code @StackSourcedBy} declares a stack
 * through its own source, found on classes and fields like {@code @DockerCompose}; a source that
 * cannot be made or used fails the class before Docker is touched, naming annotation, source and fix.
 */
class StackSourceTest {

    /** What {@link EchoSource} was asked, in order. */
    static final List<String> DEFINED = new CopyOnWriteArrayList<>();

    @BeforeEach
    void reset() {
        DEFINED.clear();
    }

    @Target({ElementType.TYPE, ElementType.FIELD, ElementType.ANNOTATION_TYPE})
    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(EchoSource.class)
    @interface EchoStack {
        String service() default "echo";

        int upTimeoutSeconds() default 300;
    }

    /** Defines a one-service file; starting it fails before Docker, so these tests need none. */
    static final class EchoSource implements StackSource<EchoStack> {
        private EchoSource() {
        }

        @Override
        public StackDefinition define(EchoStack a, String declared) {
            DEFINED.add(declared + " service=" + a.service());
            ComposeFile file = ComposeFile.empty();
            file.addService(a.service()).put("image", "alpine:3.20");
            return new StackDefinition(() -> {
                throw new IllegalStateException("compose file of " + declared + " made: " + file.serviceNames());
            }, false, true, 4, a.upTimeoutSeconds());
        }
    }

    @EchoStack(service = "on-class")
    static class OnClass {
        @Test
        void test() {
        }
    }

    static class OnStaticField {
        @EchoStack(service = "on-field")
        static ComposeStack stack;

        @Test
        void test() {
        }
    }

    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @EchoStack(service = "composed")
    @interface Composed {
    }

    @Composed
    static class ComposedOnClass {
        @Test
        void test() {
        }
    }

    @EchoStack(upTimeoutSeconds = 0)
    static class ZeroUpTimeout {
        @Test
        void test() {
        }
    }

    @Test
    void aClassLevelAnnotationOfAnAssignmentIsDefinedByItsSourceAndItsFileMadeAtStart() {
        assertThat(failureOf(OnClass.class))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("compose file of @EchoStack on class " + OnClass.class.getName() + " made: [on-class]");
        assertThat(DEFINED).containsExactly("@EchoStack on class " + OnClass.class.getName() + " service=on-class");
    }

    @Test
    void aFieldAnnotationOfAnAssignmentIsDefinedByItsSource() {
        assertThat(failureOf(OnStaticField.class))
                .hasMessage("compose file of @EchoStack on field " + OnStaticField.class.getName() + ".stack made: [on-field]");
    }

    @Test
    void anAnnotationComposedOfAStackAnnotationDeclaresThatStack() {
        assertThat(failureOf(ComposedOnClass.class)).hasMessageContaining("made: [composed]");
    }

    @Test
    void theSourcesOptionsBecomeTheDeclaration() {
        StackDeclaration declaration = StackDeclaration.of(OnClass.class.getAnnotation(EchoStack.class), "class OnClass");

        assertThat(declaration.where()).isEqualTo("@EchoStack on class OnClass");
        assertThat(declaration.isolated()).isFalse();
        assertThat(declaration.build()).isTrue();
        assertThat(declaration.stopTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(declaration.upTimeout()).isEqualTo(Duration.ofSeconds(300));
    }

    @Test
    void theCommonOptionsASourceReturnsAreValidatedUnderTheAnnotationsName() {
        assertThat(configurationFailureOf(ZeroUpTimeout.class))
                .startsWith("@EchoStack on class " + ZeroUpTimeout.class.getName())
                .contains("element 'upTimeoutSeconds' must be positive, found 0");
    }

    @Test
    void theDefaultsOfADefinitionAreThoseOfDockerCompose() {
        StackDefinition defaults = StackDefinition.of(ComposeFile::empty);

        DockerCompose dc = Defaults.class.getAnnotation(DockerCompose.class);
        assertThat(defaults).usingRecursiveComparison().ignoringFields("composeFile")
                .isEqualTo(new StackDefinition(ComposeFile::empty, dc.isolated(), dc.build(), dc.stopTimeoutSeconds(), dc.upTimeoutSeconds()));
    }

    @DockerCompose(file = "unused")
    static class Defaults {
    }

    // --- sources that cannot be made or used; each fixture carries the annotation that names it

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(NoDefaultConstructor.class)
    @interface NeedsArguments {
    }

    @NeedsArguments
    static final class NoDefaultConstructor implements StackSource<NeedsArguments> {
        NoDefaultConstructor(String unused) {
        }

        @Override
        public StackDefinition define(NeedsArguments a, String declared) {
            return StackDefinition.of(ComposeFile::empty);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(AbstractSource.class)
    @interface Abstract {
    }

    @Abstract
    abstract static class AbstractSource implements StackSource<Abstract> {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(InnerSourceHolder.Inner.class)
    @interface NeedsOuterInstance {
    }

    @NeedsOuterInstance
    static class InnerSourceHolder {
        final class Inner implements StackSource<NeedsOuterInstance> {
            @Override
            public StackDefinition define(NeedsOuterInstance a, String declared) {
                return StackDefinition.of(ComposeFile::empty);
            }
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(ThrowingSource.class)
    @interface Throwing {
    }

    @Throwing
    static final class ThrowingSource implements StackSource<Throwing> {
        ThrowingSource() {
            throw new IllegalStateException("no configuration found");
        }

        @Override
        public StackDefinition define(Throwing a, String declared) {
            return StackDefinition.of(ComposeFile::empty);
        }
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(EchoSource.class)
    @interface NamesTheWrongSource {
    }

    @NamesTheWrongSource
    static class SourceOfAnotherAnnotation {
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(NullSource.class)
    @interface Nothing {
    }

    @Nothing
    static final class NullSource implements StackSource<Nothing> {
        @Override
        public StackDefinition define(Nothing a, String declared) {
            return null;
        }
    }

    @NeedsArguments
    static class WithSourceWithoutDefaultConstructor {
        @Test
        void test() {
        }
    }

    @Test
    void aSourceThatCannotBeMadeFailsTheClassNamingTheAnnotationTheSourceAndTheFix() {
        assertThat(configurationFailureOf(WithSourceWithoutDefaultConstructor.class))
                .startsWith("@NeedsArguments on class " + WithSourceWithoutDefaultConstructor.class.getName() + ": ")
                .contains("@StackSourcedBy(" + NoDefaultConstructor.class.getName() + ".class) on @" + NeedsArguments.class.getName())
                .contains("names a class without a no-argument constructor")
                .contains("To fix, give NoDefaultConstructor a constructor without parameters");
    }

    static Stream<Arguments> unusableSources() {
        return Stream.of(
                Arguments.of(AbstractSource.class, List.of("@StackSourcedBy(" + AbstractSource.class.getName(),
                        "names an interface or abstract class", "To fix, name a concrete class")),
                Arguments.of(InnerSourceHolder.class, List.of("names an inner class", "To fix, make Inner static.")),
                Arguments.of(ThrowingSource.class, List.of("could not be instantiated", "no configuration found",
                        "To fix, make the no-argument constructor of ThrowingSource succeed.")),
                Arguments.of(SourceOfAnotherAnnotation.class, List.of("names a StackSource<EchoStack>, which cannot read @NamesTheWrongSource",
                        "To fix, make EchoSource implement StackSource<NamesTheWrongSource>")),
                Arguments.of(NullSource.class, List.of(NullSource.class.getName() + ".define(..) returned null", "To fix, return a StackDefinition")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableSources")
    void aSourceThatCannotBeUsedIsNamedWithTheFix(Class<?> annotated, List<String> fragments) {
        Annotation annotation = StackSources.onClass(annotated).get(0);

        assertThatThrownBy(() -> StackDeclaration.of(annotation, "class X"))
                .isInstanceOf(ExtensionConfigurationException.class)
                .hasMessageStartingWith("@" + annotation.annotationType().getSimpleName() + " on class X: ")
                .satisfies(e -> assertThat(e.getMessage()).contains(fragments));
        assertThat(DEFINED).isEmpty();
    }

    static class TwoStacksOnOneField {
        @EchoStack
        @DockerCompose(file = "src/test/resources/compose/ticker.yaml")
        static ComposeStack stack;

        @Test
        void test() {
        }
    }

    @Test
    void aFieldWithTwoStackAnnotationsIsRejected() {
        assertThat(configurationFailureOf(TwoStacksOnOneField.class))
                .startsWith("field " + TwoStacksOnOneField.class.getName() + ".stack carries 2 stack annotations")
                .contains("@EchoStack").contains("@DockerCompose").contains("To fix, keep one of them");
    }
}
