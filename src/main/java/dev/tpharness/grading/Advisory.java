package dev.tpharness.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check beyond what the course asks (tier ADVISORY: robustness, exactness): when it does not
 * hold, the verdict is WARN, which counts against the grade only with {@code --strict}.
 *
 * <pre>{@code
 * @Test
 * @Advisory("scripts and CI read the exit code, not the text")
 * void exitCodeTellsTheVerdict(Tp0Workspace ws) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Advisory {

    /** Why the check matters although the course does not ask for it. */
    String value();
}
