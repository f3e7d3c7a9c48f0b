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
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.HierarchyTraversalMode;

import dev.tpharness.compose.ComposeStack;

/**
 * The machinery behind {@link DockerCompose} and {@link Tp0Stack}: class-level and static-field
 * declarations start in {@code beforeAll} and live in the class's store; instance-field
 * declarations start in {@code beforeEach} and live in the test's store. No state in fields.
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
        List<StackDeclaration> declarations = new java.util.ArrayList<>();
        AnnotationSupport.findAnnotation(testClass, DockerCompose.class).ifPresent(a -> declarations.add(StackDeclaration.of(a, where)));
        AnnotationSupport.findAnnotation(testClass, Tp0Stack.class).ifPresent(a -> declarations.add(StackDeclaration.of(a, where)));
        return declarations;
    }

    private static List<Field> annotatedFields(Class<?> testClass, boolean statics) {
        return org.junit.platform.commons.support.ReflectionSupport.findFields(testClass, f -> isDeclaration(f) && Modifier.isStatic(f.getModifiers()) == statics,
                HierarchyTraversalMode.TOP_DOWN);
    }

    private static boolean isDeclaration(Field f) {
        return f.isAnnotationPresent(DockerCompose.class) || f.isAnnotationPresent(Tp0Stack.class);
    }

    private static StackDeclaration declaration(Field field) {
        String where = "field " + field.getDeclaringClass().getName() + "." + field.getName();
        Annotation annotation = field.isAnnotationPresent(DockerCompose.class)
                ? field.getAnnotation(DockerCompose.class) : field.getAnnotation(Tp0Stack.class);
        String declared = "@" + annotation.annotationType().getSimpleName() + " on " + where;
        if (field.getType() != ComposeStack.class) {
            throw new ExtensionConfigurationException(declared + ": the field's type is " + field.getType().getName()
                    + ", but the stack can only be injected into a field of type " + ComposeStack.class.getName()
                    + ". To fix, declare it as `ComposeStack " + field.getName() + ";`.");
        }
        if (Modifier.isFinal(field.getModifiers())) {
            throw new ExtensionConfigurationException(declared + ": the field is final, so the stack cannot be injected."
                    + " To fix, remove 'final'.");
        }
        return annotation instanceof DockerCompose dc ? StackDeclaration.of(dc, where) : StackDeclaration.of((Tp0Stack) annotation, where);
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
