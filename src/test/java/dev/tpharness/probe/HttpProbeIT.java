package dev.tpharness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.internal.Poll;
import dev.tpharness.testsupport.DockerTestSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** rest-assured through HttpProbe against BusyBox httpd with a port published on a random host port. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpProbeIT {

    private final DockerTestSupport docker = new DockerTestSupport();

    @AfterAll
    void cleanUp() {
        docker.close();
    }

    @Test
    void requestsReachAServiceThroughItsPublishedPort() {
        String container = docker.start("httpd", List.of("-p", "0:8080"), ProbeOptions.DEFAULT_IMAGE,
                "sh", "-c", "mkdir -p /www && printf 'hello from httpd\\n' > /www/index.html && exec httpd -f -p 8080 -h /www");
        // `docker port` prints the same HOST:PORT lines as `docker compose port`.
        HttpProbe http = HttpProbe.forService("web", 8080,
                (service, port) -> DockerTestSupport.docker("port", container, port + "/tcp"));

        assertThat(http.baseUri().getHost()).isIn("localhost", "127.0.0.1");
        awaitServing(http);
        http.request().when().get("/index.html").then().statusCode(200).body(equalTo("hello from httpd\n"));
        http.request().when().get("/missing").then().statusCode(404);
    }

    @Test
    void theBaseUriComesFromTheStacksPublishedPort() {
        ComposeFile file = ComposeFile.parse("services:\n  web:\n    image: " + ProbeOptions.DEFAULT_IMAGE + "\n"
                + "    pull_policy: never\n    ports: [\"8080\"]\n"
                + "    command: [\"sh\", \"-c\", \"mkdir -p /www && echo stack-ok > /www/index.html && exec httpd -f -p 8080 -h /www\"]\n",
                java.nio.file.Path.of("target/http-stack.yaml").toAbsolutePath());
        try (ComposeStack stack = ComposeStack.isolated(file).stopTimeout(java.time.Duration.ofSeconds(1)).build().up()) {
            HttpProbe http = HttpProbe.forService("web", 8080, stack::port);
            awaitServing(http);
            http.request().when().get("/index.html").then().statusCode(200).body(equalTo("stack-ok\n"));
        }
    }

    @Test
    void anUnpublishedPortOfAStackSaysHowToPublishIt() {
        ComposeFile file = ComposeFile.parse("services:\n  web:\n    image: " + ProbeOptions.DEFAULT_IMAGE + "\n"
                + "    pull_policy: never\n    command: [\"sleep\", \"60\"]\n",
                java.nio.file.Path.of("target/http-unpublished.yaml").toAbsolutePath());
        try (ComposeStack stack = ComposeStack.isolated(file).stopTimeout(java.time.Duration.ZERO).build().up()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> HttpProbe.forService("web", 9000, stack::port))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("cannot reach port 9000 of service 'web' from the host: service 'web' of stack "
                            + stack.project() + " does not publish container port 9000")
                    .hasMessageContaining("To fix, publish it in the compose file, e.g. `ports: [\"9000\"]`");
        }
    }

    /** httpd needs a moment after `docker run -d`: poll the first request briefly. */
    private static void awaitServing(HttpProbe http) {
        Poll.until("httpd to answer", Duration.ofSeconds(10), Duration.ofMillis(50), () -> {
            try {
                http.request().get("/index.html");
                return null;
            } catch (Exception e) { // rest-assured rethrows ConnectException unchecked
                return e;
            }
        }, java.util.Objects::isNull, e -> new AssertionError("httpd did not answer on " + http.baseUri() + " within 10 s", e));
    }
}
