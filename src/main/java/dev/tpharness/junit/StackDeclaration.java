package dev.tpharness.junit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.model.ComposeFile;

/** One declared stack, validated: where it was declared (for messages) and how to make it. */
record StackDeclaration(String where, Supplier<ComposeFile> file, boolean isolated, boolean build,
                        Duration stopTimeout, Duration upTimeout, HarnessSettings settings) {

    static final String GENERATOR_CLASS = "dev.tpharness.tp0.compose.Tp0ComposeGenerator";

    /** @param runSettings the JUnit run's settings, used unless the declaration names its own */
    ComposeStack start(HarnessSettings runSettings) {
        ComposeFile compose = file.get();
        ComposeStack.Builder builder = isolated ? ComposeStack.isolated(compose) : ComposeStack.courseFaithful(compose);
        ComposeStack stack = builder.settings(settings != null ? settings : runSettings).stopTimeout(stopTimeout).upTimeout(upTimeout).build();
        try {
            return stack.up(build);
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
    }

    static StackDeclaration of(DockerCompose a, String where) {
        String declared = "@DockerCompose on " + where;
        Path path = existingFile(a.file(), declared);
        return new StackDeclaration(declared, () -> ComposeFile.read(path), a.isolated(), a.build(),
                seconds(a.stopTimeoutSeconds(), declared, "stopTimeoutSeconds", true),
                seconds(a.upTimeoutSeconds(), declared, "upTimeoutSeconds", false), null);
    }

    static StackDeclaration of(Tp0Stack a, String where) {
        String declared = "@Tp0Stack on " + where;
        if (a.clients() < 0) {
            throw new ExtensionConfigurationException(declared + ": element 'clients' must be 0 or more, found " + a.clients()
                    + ". To fix, give the number of clients to generate, e.g. @Tp0Stack(clients = 3).");
        }
        Path root = tp0Root(a.directory(), declared);
        int clients = a.clients();
        String serverImage = image(a.serverImage(), declared, "serverImage");
        String clientImage = image(a.clientImage(), declared, "clientImage");
        return new StackDeclaration(declared, () -> withImages(generate(GENERATOR_CLASS, clients, declared), serverImage, clientImage)
                .withSource(root.resolve("docker-compose-dev.yaml")), a.isolated(), a.build(),
                seconds(a.stopTimeoutSeconds(), declared, "stopTimeoutSeconds", true),
                seconds(a.upTimeoutSeconds(), declared, "upTimeoutSeconds", false), null);
    }

    private static String image(String value, String declared, String element) {
        if (value == null || value.isBlank() || value.chars().anyMatch(Character::isWhitespace)) {
            throw new ExtensionConfigurationException(declared + ": element '" + element + "' = \"" + value
                    + "\" is not an image reference. To fix, name an image such as \"server:latest\" or \"registry/team/server:1.0\".");
        }
        return value;
    }

    /** The generator writes the course's image names; a declaration may name others. */
    private static ComposeFile withImages(ComposeFile file, String serverImage, String clientImage) {
        for (String service : file.serviceNames()) {
            var node = file.service(service);
            String image = node.path("image").asString("");
            if (image.equals("server:latest")) {
                node.put("image", serverImage);
            } else if (image.equals("client:latest")) {
                node.put("image", clientImage);
            }
        }
        return file;
    }

    static Path existingFile(String value, String declared) {
        if (value == null || value.isBlank()) {
            throw new ExtensionConfigurationException(declared + ": element 'file' is empty. To fix, name a compose file,"
                    + " e.g. file = \"docker-compose-dev.yaml\" (relative to the working directory " + cwd() + ").");
        }
        Path path = Path.of(value).toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new ExtensionConfigurationException(declared + ": element 'file' = \"" + value + "\" does not name a file"
                    + " (looked for " + path + "). Relative paths are resolved against the working directory " + cwd()
                    + " (with Maven, the module folder). To fix, correct the path or make it absolute.");
        }
        return path;
    }

    private static Path tp0Root(String directory, String declared) {
        String value = directory.isBlank() ? System.getProperty("tp.project.root", "") : directory;
        Path root = (value.isBlank() ? cwd() : Path.of(value)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ExtensionConfigurationException(declared + ": element 'directory' = \"" + directory + "\" gives " + root
                    + ", which is not a folder. To fix, name the TP0 repository root (the folder holding server/ and client/).");
        }
        return root;
    }

    /** The generator is another part of this project; looked up by name so this package compiles without it. */
    static ComposeFile generate(String className, int clients, String declared) {
        try {
            Class<?> generator = Class.forName(className);
            Object file = generator.getMethod("generate", int.class).invoke(null, clients);
            if (!(file instanceof ComposeFile composeFile)) {
                throw new ExtensionConfigurationException(declared + ": " + className + ".generate(int) returned "
                        + (file == null ? "null" : file.getClass().getName()) + ", expected a ComposeFile");
            }
            return composeFile;
        } catch (ClassNotFoundException | NoSuchMethodException e) {
            throw new ExtensionConfigurationException(declared + ": needs the TP0 compose generator " + className
                    + " with a static method generate(int) returning ComposeFile, but " + e + ". To fix, put the TP0"
                    + " generator on the test classpath, or use @DockerCompose(file = ...) with a compose file.", e);
        } catch (ReflectiveOperationException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new ExtensionConfigurationException(declared + ": " + className + ".generate(" + clients + ") failed: " + cause, cause);
        }
    }

    static Duration seconds(int value, String declared, String element, boolean zeroAllowed) {
        if (value < 0 || (value == 0 && !zeroAllowed)) {
            throw new ExtensionConfigurationException(declared + ": element '" + element + "' must be "
                    + (zeroAllowed ? "0 or more" : "positive") + ", found " + value + ". To fix, give a number of seconds, e.g. "
                    + element + " = 10.");
        }
        return Duration.ofSeconds(value);
    }

    private static Path cwd() {
        return Path.of("").toAbsolutePath();
    }
}
