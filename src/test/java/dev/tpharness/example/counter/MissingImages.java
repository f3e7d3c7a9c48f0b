package dev.tpharness.example.counter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.tpharness.compose.model.ComposeFile;
import tools.jackson.databind.JsonNode;

/**
 * Which images a compose file runs that are not on this machine. Asked after a failed {@code up}:
 * the stack's pre-flight pulls a missing image within its bound before it gives up, so an image
 * still missing then could not be had here, which is the machine's limit (NOT RUN), not the
 * solution's fault. Only images of services without a {@code build} section count.
 */
final class MissingImages {

    private static final long INSPECT_SECONDS = 30;

    private MissingImages() {
    }

    /** The images missing here, in file order; empty when every one is here or Docker cannot tell. */
    static List<String> of(ComposeFile file) {
        List<String> missing = new ArrayList<>();
        for (String service : file.serviceNames()) {
            JsonNode s = file.service(service);
            String image = s.path("image").asString("");
            if (image.isEmpty() || s.has("build") || image.contains("$") || missing.contains(image)) {
                continue;
            }
            if (isAbsent(image)) {
                missing.add(image);
            }
        }
        return missing;
    }

    /**
     * {@code docker image inspect} says there is no such image; a timeout, or a Docker that cannot
     * be asked (it also exits 1 then), is not that answer.
     */
    private static boolean isAbsent(String image) {
        try {
            Process p = new ProcessBuilder("docker", "image", "inspect", "--format", "{{.Id}}", image).redirectErrorStream(true).start();
            p.getOutputStream().close();
            if (!p.waitFor(INSPECT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return false;
            }
            // a few lines at most: read after the exit
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.exitValue() != 0 && output.toLowerCase(Locale.ROOT).contains("no such image");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
