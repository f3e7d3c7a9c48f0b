package dev.tpharness.junit;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.platform.commons.support.AnnotationSupport;
import org.junit.platform.commons.support.ReflectionSupport;

/** Finds the stack annotations (those meta-annotated with {@link StackSourcedBy}) and asks their sources for the stacks. */
final class StackSources {

    private StackSources() {
    }

    /**
     * The stack annotations of a test class, found as JUnit finds one annotation type (directly,
     * meta-present, on interfaces, {@code @Inherited} ones on superclasses), one per type.
     */
    static List<Annotation> onClass(Class<?> testClass) {
        Set<Class<? extends Annotation>> types = new LinkedHashSet<>();
        for (Class<?> c = testClass; c != null && c != Object.class; c = c.getSuperclass()) {
            collectTypes(c, types, new LinkedHashSet<>());
        }
        List<Annotation> found = new ArrayList<>();
        for (Class<? extends Annotation> type : types) {
            AnnotationSupport.findAnnotation(testClass, type).ifPresent(found::add);
        }
        return found;
    }

    /** The stack annotations of a field, present directly or as meta-annotations. */
    static List<Annotation> onField(Field field) {
        Set<Class<? extends Annotation>> types = new LinkedHashSet<>();
        collectTypes(field, types, new LinkedHashSet<>());
        List<Annotation> found = new ArrayList<>();
        for (Class<? extends Annotation> type : types) {
            AnnotationSupport.findAnnotation(field, type).ifPresent(found::add);
        }
        return found;
    }

    private static void collectTypes(AnnotatedElement element, Set<Class<? extends Annotation>> types, Set<AnnotatedElement> seen) {
        if (!seen.add(element)) {
            return;
        }
        for (Annotation a : element.getDeclaredAnnotations()) {
            Class<? extends Annotation> type = a.annotationType();
            if (type.isAnnotationPresent(StackSourcedBy.class)) {
                types.add(type);
            } else if (!type.getName().startsWith("java.lang.annotation.")) {
                collectTypes(type, types, seen);
            }
        }
        if (element instanceof Class<?> c && !c.isAnnotation()) {
            for (Class<?> i : c.getInterfaces()) {
                collectTypes(i, types, seen);
            }
        }
    }

    /** Makes the annotation's source and asks it for the stack; every failure names the annotation, the source and the fix. */
    static StackDefinition define(Annotation annotation, String declared) {
        Class<? extends Annotation> type = annotation.annotationType();
        Class<? extends StackSource<?>> sourceClass = type.getAnnotation(StackSourcedBy.class).value();
        String named = "@StackSourcedBy(" + sourceClass.getName() + ".class) on @" + type.getName();
        Optional<Class<?>> reads = annotationTypeRead(sourceClass);
        if (reads.isPresent() && reads.get() != type) {
            throw new ExtensionConfigurationException(declared + ": " + named + " names a StackSource<" + reads.get().getSimpleName()
                    + ">, which cannot read @" + type.getSimpleName() + ". To fix, make " + sourceClass.getSimpleName()
                    + " implement StackSource<" + type.getSimpleName() + ">, or name the source of @" + type.getSimpleName() + ".");
        }
        StackDefinition definition = cast(instantiate(sourceClass, named, declared)).define(annotation, declared);
        if (definition == null) {
            throw new ExtensionConfigurationException(declared + ": " + sourceClass.getName() + ".define(..) returned null."
                    + " To fix, return a StackDefinition, or throw an ExtensionConfigurationException that says what is wrong.");
        }
        return definition;
    }

    private static StackSource<?> instantiate(Class<? extends StackSource<?>> sourceClass, String named, String declared) {
        if (sourceClass.isInterface() || java.lang.reflect.Modifier.isAbstract(sourceClass.getModifiers())) {
            throw new ExtensionConfigurationException(declared + ": " + named + " names an interface or abstract class,"
                    + " which cannot be instantiated. To fix, name a concrete class that implements StackSource.");
        }
        if (sourceClass.getEnclosingClass() != null && !java.lang.reflect.Modifier.isStatic(sourceClass.getModifiers())) {
            throw new ExtensionConfigurationException(declared + ": " + named + " names an inner class, which needs an"
                    + " instance of " + sourceClass.getEnclosingClass().getName() + ". To fix, make " + sourceClass.getSimpleName() + " static.");
        }
        try {
            sourceClass.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            throw new ExtensionConfigurationException(declared + ": " + named + " names a class without a no-argument constructor."
                    + " To fix, give " + sourceClass.getSimpleName() + " a constructor without parameters (it need not be public).", e);
        }
        try {
            return ReflectionSupport.newInstance(sourceClass);
        } catch (RuntimeException e) {
            throw new ExtensionConfigurationException(declared + ": " + named + " could not be instantiated: " + e
                    + ". To fix, make the no-argument constructor of " + sourceClass.getSimpleName() + " succeed.", e);
        }
    }

    @SuppressWarnings("unchecked") // checked against the source's type argument where it is known
    private static StackSource<Annotation> cast(StackSource<?> source) {
        return (StackSource<Annotation>) source;
    }

    /** The {@code A} of {@code StackSource<A>} as the source class (or a superclass) declares it, if it is a class. */
    private static Optional<Class<?>> annotationTypeRead(Class<?> sourceClass) {
        for (Class<?> c = sourceClass; c != null; c = c.getSuperclass()) {
            for (Type t : c.getGenericInterfaces()) {
                if (t instanceof ParameterizedType p && p.getRawType() == StackSource.class
                        && p.getActualTypeArguments()[0] instanceof Class<?> a) {
                    return Optional.of(a);
                }
            }
        }
        return Optional.empty();
    }
}
