package dev.tpharness.junit;

import java.lang.annotation.Annotation;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

/**
 * Turns a stack annotation of one assignment into the stack to run: the extension point through
 * which an assignment brings its own annotation (TP0's {@code @Tp0Stack}, a later TP's) without
 * this library knowing it. The annotation names its source with {@link StackSourcedBy}:
 *
 * <pre>{@code
 * @Target({ElementType.TYPE, ElementType.FIELD})
 * @Retention(RetentionPolicy.RUNTIME)
 * @StackSourcedBy(LotteryStackSource.class)
 * public @interface LotteryStack {
 *     int agencies() default 5;
 *     boolean isolated() default true;
 *     boolean build() default false;
 *     int stopTimeoutSeconds() default 10;
 *     int upTimeoutSeconds() default 300;
 * }
 *
 * final class LotteryStackSource implements StackSource<LotteryStack> {
 *     @Override
 *     public StackDefinition define(LotteryStack a, String declared) {
 *         if (a.agencies() < 1) {
 *             throw new ExtensionConfigurationException(declared + ": element 'agencies' must be 1 or more, found "
 *                     + a.agencies() + ". To fix, e.g. @LotteryStack(agencies = 5).");
 *         }
 *         int agencies = a.agencies();
 *         return new StackDefinition(() -> LotteryCompose.generate(agencies).withSource(Path.of("docker-compose-dev.yaml")),
 *                 a.isolated(), a.build(), a.stopTimeoutSeconds(), a.upTimeoutSeconds());
 *     }
 * }
 * }</pre>
 *
 * <p>The extension makes one source per declaration through its no-argument constructor (the
 * class and the constructor need not be public), calls {@link #define} once, before Docker is
 * touched, and then behaves as for {@link DockerCompose}: same lifecycle, injection, failure
 * evidence and validation of the common options.
 *
 * @param <A> the annotation this source reads
 */
public interface StackSource<A extends Annotation> {

    /**
     * Validates the annotation and says which stack it declares. Called once per declaration
     * (a class, a field), on the test thread.
     *
     * @param annotation the annotation as found on the test class or field
     * @param declared where it was found, for messages: {@code "@LotteryStack on class x.LotteryTest"}
     *     or {@code "@LotteryStack on field x.LotteryTest.stack"}
     * @return the compose file (made each time a stack starts) and the common options
     * @throws ExtensionConfigurationException when the annotation is misconfigured; start the
     *     message with {@code declared}, then name the element, the value found and the fix
     */
    StackDefinition define(A annotation, String declared);
}
