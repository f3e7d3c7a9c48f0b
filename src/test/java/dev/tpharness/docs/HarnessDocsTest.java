package dev.tpharness.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** docs/harness.md names every public method of the classes users call most: the reference cannot fall behind the API. */
class HarnessDocsTest {

    private static final Set<String> OBJECT_METHODS = Set.of("toString", "equals", "hashCode", "values", "valueOf");

    @ParameterizedTest
    @ValueSource(strings = {"dev.tpharness.compose.ComposeStack", "dev.tpharness.compose.ComposeStack$Builder",
            "dev.tpharness.compose.HarnessSettings", "dev.tpharness.compose.HarnessLabels", "dev.tpharness.compose.ContainerState",
            "dev.tpharness.junit.ComposeExtension$Builder", "dev.tpharness.junit.StackSource", "dev.tpharness.junit.StackDefinition",
            "dev.tpharness.probe.NetcatProbe", "dev.tpharness.probe.ProbeOptions",
            "dev.tpharness.probe.HttpProbe", "dev.tpharness.probe.EchoExchange", "dev.tpharness.logs.LogStream",
            "dev.tpharness.shutdown.StopReport"})
    void everyPublicMethodIsInTheReference(String className) throws Exception {
        String docs = Files.readString(Path.of(System.getProperty("tp.project.root", "")).resolve("docs/harness.md"));
        Class<?> type = Class.forName(className);
        Set<String> missing = new TreeSet<>();
        for (Method m : type.getDeclaredMethods()) {
            String name = m.getName();
            if (!Modifier.isPublic(m.getModifiers()) || m.isSynthetic() || OBJECT_METHODS.contains(name)
                    || (type.isRecord() && isAccessor(type, name))) {
                continue;
            }
            if (!docs.contains(name + "(") && !docs.contains("`" + name + "`")) {
                missing.add(name);
            }
        }
        assertThat(missing).as("public methods of %s that docs/harness.md does not name", type.getSimpleName()).isEmpty();
    }

    private static boolean isAccessor(Class<?> record, String name) {
        List<String> components = Arrays.stream(record.getRecordComponents()).map(c -> c.getName()).toList();
        return components.contains(name) && !docsMustNameAccessors(record);
    }

    /** Records whose components are part of what users read (the docs list them): ContainerState and ProbeOptions. */
    private static boolean docsMustNameAccessors(Class<?> record) {
        return record.getSimpleName().equals("ContainerState") || record.getSimpleName().equals("ProbeOptions");
    }
}
