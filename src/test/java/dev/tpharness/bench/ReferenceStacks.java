package dev.tpharness.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.tp0.compose.Tp0ComposeGenerator;
import dev.tpharness.tp0.grading.support.Tp0Images;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compose files of the reference TP0 system for the stack figures: {@link Tp0ComposeGenerator}'s
 * output with the run's reference images, in a folder holding the configuration files it mounts.
 */
final class ReferenceStacks {

    private final Path dir;
    private final Tp0Images images;

    ReferenceStacks(Path projectRoot, Path dir, Tp0Images images) {
        this.dir = dir;
        this.images = images;
        try {
            for (String f : new String[] {"server/config.ini", "client/config.yaml"}) {
                Files.createDirectories(dir.resolve(f).getParent());
                Files.copy(projectRoot.resolve(f), dir.resolve(f), StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + dir + ": " + e.getMessage(), e);
        }
    }

    Path dir() {
        return dir;
    }

    /** Server + {@code clients} clients, each client with {@code clientEnvironment} added. */
    ComposeFile generated(int clients, Map<String, String> clientEnvironment) {
        ComposeFile file = Tp0ComposeGenerator.generate(clients).withSource(dir.resolve("docker-compose-" + clients + ".yaml"));
        for (String name : file.serviceNames()) {
            ObjectNode service = file.service(name);
            boolean server = name.equals(Tp0ComposeGenerator.SERVER_SERVICE);
            service.put("image", server ? images.server() : images.client());
            service.put("pull_policy", "never");
            if (!server) {
                JsonNode env = service.get("environment");
                if (env instanceof ArrayNode list) {
                    clientEnvironment.forEach((k, v) -> list.add(k + "=" + v));
                } else if (env instanceof ObjectNode map) {
                    clientEnvironment.forEach(map::put);
                } else {
                    ArrayNode list = service.putArray("environment");
                    clientEnvironment.forEach((k, v) -> list.add(k + "=" + v));
                }
            }
        }
        return file;
    }
}
