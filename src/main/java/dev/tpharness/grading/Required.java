package dev.tpharness.grading;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A check of what the course asks (tier REQUIRED): when it does not hold, the verdict is FAIL and
 * it counts against the grade.
 *
 * <pre>{@code
 * @Test
 * @Required("statement ex. 3; course test_ej3: success against a healthy echo server")
 * void successAgainstAHealthyMock(Tp0Workspace ws) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface Required {

    /** The source: the sentence of the statement or the course test the check comes from. */
    String value();
}
