package dev.tpharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Makes an annotation a stack declaration: a test class or {@code ComposeStack} field that
 * carries it gets the stack its {@link StackSource} defines, with the lifecycle of
 * {@link DockerCompose}. The extension comes with this meta-annotation, so the annotation needs
 * nothing else (see {@link StackSource} for a complete example):
 *
 * <pre>{@code
 * @Target({ElementType.TYPE, ElementType.FIELD})
 * @Retention(RetentionPolicy.RUNTIME)
 * @StackSourcedBy(LotteryStackSource.class)
 * public @interface LotteryStack { ... }
 * }</pre>
 */
@Target(ElementType.ANNOTATION_TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@ExtendWith(ComposeStackExtension.class)
public @interface StackSourcedBy {

    /** The source that reads the annotation; it needs a no-argument constructor. */
    Class<? extends StackSource<?>> value();
}
