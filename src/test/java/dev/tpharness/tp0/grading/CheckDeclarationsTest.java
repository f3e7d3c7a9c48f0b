package dev.tpharness.tp0.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.Required;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestTemplate;
import org.junit.jupiter.params.ParameterizedTest;

/** Every check of the exercise suites declares its tier, with a source or a reason, and only one. */
class CheckDeclarationsTest {

    private static final List<Class<?>> SUITES = List.of(Ej1Checks.class, Ej2Checks.class, Ej3Checks.class, Ej4Checks.class);

    @Test
    void everyCheckIsRequiredOrAdvisoryWithAReason() {
        List<String> wrong = new ArrayList<>();
        int checks = 0;
        for (Method m : checkMethods()) {
            checks++;
            Required required = m.getAnnotation(Required.class);
            Advisory advisory = m.getAnnotation(Advisory.class);
            String name = m.getDeclaringClass().getSimpleName() + "." + m.getName();
            if ((required == null) == (advisory == null)) {
                wrong.add(name + ": needs exactly one of @Required, @Advisory");
            } else if ((required != null ? required.value() : advisory.value()).isBlank()) {
                wrong.add(name + ": the source or reason is blank");
            }
        }
        assertThat(checks).as("check methods found").isGreaterThan(20);
        assertThat(wrong).isEmpty();
    }

    @Test
    void requiredChecksNameTheCoursesStatementOrTest() {
        for (Method m : checkMethods()) {
            Required required = m.getAnnotation(Required.class);
            if (required != null) {
                assertThat(required.value()).as(m.getName()).containsPattern("statement ex\\. [1-4]|course test_ej[1-4]");
            }
        }
    }

    private static List<Method> checkMethods() {
        List<Method> methods = new ArrayList<>();
        for (Class<?> suite : SUITES) {
            collect(suite, methods);
        }
        return methods;
    }

    private static void collect(Class<?> c, List<Method> into) {
        for (Method m : c.getDeclaredMethods()) {
            if (m.isAnnotationPresent(Test.class) || m.isAnnotationPresent(ParameterizedTest.class)
                    || m.isAnnotationPresent(TestFactory.class) || m.isAnnotationPresent(TestTemplate.class)) {
                into.add(m);
            }
        }
        for (Class<?> nested : c.getDeclaredClasses()) {
            collect(nested, into);
        }
    }
}
