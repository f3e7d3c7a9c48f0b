package dev.tpharness.grading.report;

import java.lang.reflect.Method;
import java.util.Optional;

import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.Required;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestIdentifier;

/**
 * The tier of a check and where it comes from, read from its {@link Required} or {@link Advisory}
 * annotation, and the verdict its JUnit result means: a failed REQUIRED check is FAIL, a failed
 * ADVISORY one WARN, an aborted one (the check could not run here) NOT RUN.
 *
 * @param tier   REQUIRED or ADVISORY
 * @param source the statement or course test it comes from (REQUIRED), or why it matters (ADVISORY)
 */
public record CheckTier(Tier tier, String source) {

    public enum Tier { REQUIRED, ADVISORY }

    /** What a check without either annotation is: required, with no source named (the suites' own test proves there is none). */
    static final CheckTier UNDECLARED = new CheckTier(Tier.REQUIRED, "(no source declared)");

    /** The tier of a test, from the annotation on its method; {@link #UNDECLARED} for anything else. */
    public static CheckTier of(TestIdentifier id) {
        return id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast).flatMap(CheckTier::method)
                .map(CheckTier::of).orElse(UNDECLARED);
    }

    /** The tier of a check method, {@link #UNDECLARED} when it has neither annotation. */
    public static CheckTier of(Method method) {
        Required required = method.getAnnotation(Required.class);
        if (required != null) {
            return new CheckTier(Tier.REQUIRED, required.value());
        }
        Advisory advisory = method.getAnnotation(Advisory.class);
        if (advisory != null) {
            return new CheckTier(Tier.ADVISORY, advisory.value());
        }
        return UNDECLARED;
    }

    /** PASS, FAIL (required) or WARN (advisory), NOT RUN (aborted: the check could not run here). */
    public GradeReport.Verdict verdict(TestExecutionResult result) {
        return switch (result.getStatus()) {
            case SUCCESSFUL -> GradeReport.Verdict.PASS;
            case ABORTED -> GradeReport.Verdict.NOT_RUN;
            case FAILED -> tier == Tier.ADVISORY ? GradeReport.Verdict.WARN : GradeReport.Verdict.FAIL;
        };
    }

    private static Optional<Method> method(MethodSource source) {
        try {
            return Optional.of(source.getJavaMethod());
        } catch (RuntimeException e) {
            return Optional.empty(); // a method that cannot be loaded has no annotations we can read
        }
    }
}
