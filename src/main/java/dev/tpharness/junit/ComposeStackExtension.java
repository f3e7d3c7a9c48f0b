package dev.tpharness.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.HierarchyTraversalMode;
import org.junit.platform.commons.support.ReflectionSupport;

import dev.tpharness.compose.ComposeStack;

/**
 * The machinery behind {@link DockerCompose} and every other annotation meta-annotated with
 * {@link StackSourcedBy}: class-level and static-field declarations start in {@code beforeAll}
 * and live in the class's store; instance-field declarations start in {@code beforeEach} and
 * live in the test's store. No state in fields.
 */
final class ComposeStackExtension implements BeforeAllCallback, BeforeEachCallback, StackParameterSupport {

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        for (StackDeclaration d : classDeclarations(testClass)) {
            StackScopes.start(context, this, d.where(), d);
        }
        for (Field field : annotatedFields(testClass, true)) {
            StackDeclaration d = declaration(field);
            ComposeStack stack = StackScopes.start(context, this, field, d).stack();
            set(field, null, stack);
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        List<Object> instances = context.getRequiredTestInstances().getAllInstances();
        for (Object instance : instances) {
            for (Field field : annotatedFields(instance.getClass(), false)) {
                Optional<StackScopes.Started> existing = StackScopes.find(context, field);
                ComposeStack stack = existing.isPresent() && existing.get().owner() == this
                        ? existing.get().stack()
                        : StackScopes.start(context, this, field, declaration(field)).stack();
                set(field, instance, stack);
            }
        }
    }

    private static List<StackDeclaration> classDeclarations(Class<?> testClass) {
        String where = "class " + testClass.getName();
        return StackSources.onClass(testClass).stream().map(a -> StackDeclaration.of(a, where)).toList();
    }

    private static List<Field> annotatedFields(Class<?> testClass, boolean statics) {
        return ReflectionSupport.findFields(testClass, f -> !StackSources.onField(f).isEmpty() && Modifier.isStatic(f.getModifiers()) == statics,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static StackDeclaration declaration(Field field) {
        String where = "field " + field.getDeclaringClass().getName() + "." + field.getName();
        List<Annotation> annotations = StackSources.onField(field);
        String declared = "@" + annotations.get(0).annotationType().getSimpleName() + " on " + where;
        if (annotations.size() > 1) {
            throw new ExtensionConfigurationException(where + " carries " + annotations.size() + " stack annotations (" + annotations.stream()
                    .map(a -> "@" + a.annotationType().getSimpleName()).toList() + "), but a field holds one stack."
                    + " To fix, keep one of them and declare the other stack on a field of its own.");
        }
        if (field.getType() != ComposeStack.class) {
            throw new ExtensionConfigurationException(declared + ": the field's type is " + field.getType().getName()
                    + ", but the stack can only be injected into a field of type " + ComposeStack.class.getName()
                    + ". To fix, declare it as `ComposeStack " + field.getName() + ";`.");
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException(declared + ": the field is final, so the stack cannot be injected."
                    + " To fix, remove 'final'.");
        }
        return StackDeclaration.of(annotations.get(0), where);
    }

    private static void set(Field field, Object instance, ComposeStack stack) {
        try {
            field.setAccessible(true);
            field.set(instance, stack);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new ExtensionConfigurationException("cannot inject the stack into field " + field + ": " + e, e);
        }
    }
}
