package dev.tpharness.junit;

import static dev.tpharness.testsupport.EngineRuns.configurationFailureOf;
import static dev.tpharness.testsupport.EngineRuns.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    // --- sources that cannot be made or used

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(NoDefaultConstructor.class)
    @interface NeedsArguments {
    }

    static final class NoDefaultConstructor implements StackSource<NeedsArguments> {
        NoDefaultConstructor(String unused) {
        }

        @Override
        public StackDefinition define(NeedsArguments a, String declared) {
            return StackDefinition.of(ComposeFile::empty);
        }
    }

    @NeedsArguments
    static class WithSourceWithoutDefaultConstructor {
        @Test
        void test() {
        }
    }

    @Test
    void aSourceWithoutANoArgumentConstructorIsNamedWithTheFix() {
        assertThat(configurationFailureOf(WithSourceWithoutDefaultConstructor.class))
                .startsWith("@NeedsArguments on class " + WithSourceWithoutDefaultConstructor.class.getName() + ": ")
                .contains("@StackSourcedBy(" + NoDefaultConstructor.class.getName() + ".class) on @" + NeedsArguments.class.getName())
                .contains("names a class without a no-argument constructor")
                .contains("To fix, give NoDefaultConstructor a constructor without parameters");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(AbstractSource.class)
    @interface Abstract {
    }

    abstract static class AbstractSource implements StackSource<Abstract> {
    }

    @Abstract
    static class WithAbstractSource {
        @Test
        void test() {
        }
    }

    @Test
    void anAbstractSourceIsRejected() {
        assertThat(configurationFailureOf(WithAbstractSource.class))
                .startsWith("@Abstract on class " + WithAbstractSource.class.getName() + ": @StackSourcedBy(" + AbstractSource.class.getName())
                .contains("names an interface or abstract class").contains("To fix, name a concrete class");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(InnerSourceHolder.Inner.class)
    @interface NeedsOuterInstance {
    }

    static class InnerSourceHolder {
        final class Inner implements StackSource<NeedsOuterInstance> {
            @Override
            public StackDefinition define(NeedsOuterInstance a, String declared) {
                return StackDefinition.of(ComposeFile::empty);
            }
        }
    }

    @NeedsOuterInstance
    static class WithInnerSource {
        @Test
        void test() {
        }
    }

    @Test
    void anInnerClassSourceIsRejectedWithTheFix() {
        assertThat(configurationFailureOf(WithInnerSource.class))
                .contains("names an inner class").contains("To fix, make Inner static.");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(ThrowingSource.class)
    @interface Throwing {
    }

    static final class ThrowingSource implements StackSource<Throwing> {
        ThrowingSource() {
            throw new IllegalStateException("no configuration found");
        }

        @Override
        public StackDefinition define(Throwing a, String declared) {
            return StackDefinition.of(ComposeFile::empty);
        }
    }

    @Throwing
    static class WithThrowingSource {
        @Test
        void test() {
        }
    }

    @Test
    void aConstructorThatThrowsIsReportedWithItsCause() {
        assertThat(configurationFailureOf(WithThrowingSource.class))
                .startsWith("@Throwing on class " + WithThrowingSource.class.getName())
                .contains("could not be instantiated").contains("no configuration found")
                .contains("To fix, make the no-argument constructor of ThrowingSource succeed.");
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(EchoSource.class)
    @interface NamesTheWrongSource {
    }

    @NamesTheWrongSource
    static class WithSourceOfAnotherAnnotation {
        @Test
        void test() {
        }
    }

    @Test
    void aSourceOfAnotherAnnotationIsRejected() {
        assertThat(configurationFailureOf(WithSourceOfAnotherAnnotation.class))
                .startsWith("@NamesTheWrongSource on class " + WithSourceOfAnotherAnnotation.class.getName())
                .contains("names a StackSource<EchoStack>, which cannot read @NamesTheWrongSource")
                .contains("To fix, make EchoSource implement StackSource<NamesTheWrongSource>");
        assertThat(DEFINED).isEmpty();
    }

    @Retention(RetentionPolicy.RUNTIME)
    @StackSourcedBy(NullSource.class)
    @interface Nothing {
    }

    static final class NullSource implements StackSource<Nothing> {
        @Override
        public StackDefinition define(Nothing a, String declared) {
            return null;
        }
    }

    @Nothing
    static class WithNullSource {
        @Test
        void test() {
        }
    }

    @Test
    void aSourceThatReturnsNothingIsNamed() {
        assertThat(configurationFailureOf(WithNullSource.class))
                .startsWith("@Nothing on class " + WithNullSource.class.getName() + ": " + NullSource.class.getName() + ".define(..) returned null");
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
