package dev.tpharness.tp0.junit;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.junit.StackDefinition;
import dev.tpharness.junit.StackSource;
import dev.tpharness.tp0.compose.Tp0ComposeGenerator;

/** {@link Tp0Stack}: the generator's file for the client count, with the images named and paths resolved against the TP0 root. */
final class Tp0StackSource implements StackSource<Tp0Stack> {

    @Override
    public StackDefinition define(Tp0Stack a, String declared) {
        int clients = clients(a.clients(), declared);
        Path root = tp0Root(a.directory(), declared);
        String serverImage = image(a.serverImage(), declared, "serverImage");
        String clientImage = image(a.clientImage(), declared, "clientImage");
        return new StackDefinition(() -> withImages(Tp0ComposeGenerator.generate(clients), serverImage, clientImage)
                .withSource(root.resolve("docker-compose-dev.yaml")), a.isolated(), a.build(), a.stopTimeoutSeconds(), a.upTimeoutSeconds());
    }

    private static int clients(int clients, String declared) {
        if (clients < 0) {
            throw new ExtensionConfigurationException(declared + ": element 'clients' must be 0 or more, found " + clients
                    + ". To fix, give the number of clients to generate, e.g. @Tp0Stack(clients = 3).");
        }
        if (clients > Tp0ComposeGenerator.MAX_CLIENTS) {
            throw new ExtensionConfigurationException(declared + ": element 'clients' must be at most " + Tp0ComposeGenerator.MAX_CLIENTS
                    + ", found " + clients + ". To fix, give a smaller number of clients, e.g. @Tp0Stack(clients = 3).");
        }
        return clients;
    }

    private static Path tp0Root(String directory, String declared) {
        String value = directory.isBlank() ? System.getProperty("tp.project.root", "") : directory;
        Path root = (value.isBlank() ? Path.of("") : Path.of(value)).toAbsolutePath().normalize();
        if (!Files.isDirectory(root)) {
            throw new ExtensionConfigurationException(declared + ": element 'directory' = \"" + directory + "\" gives " + root
                    + ", which is not a folder. To fix, name the TP0 repository root (the folder holding server/ and client/).");
        }
        return root;
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
            if (image.equals(Tp0ComposeGenerator.SERVER_IMAGE)) {
                node.put("image", serverImage);
            } else if (image.equals(Tp0ComposeGenerator.CLIENT_IMAGE)) {
                node.put("image", clientImage);
            }
        }
        return file;
    }
}
