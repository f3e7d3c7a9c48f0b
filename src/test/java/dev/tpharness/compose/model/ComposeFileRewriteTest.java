package dev.tpharness.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class ComposeFileRewriteTest {

    /** The course's docker-compose-dev.yaml, plus the shapes other TPs use. */
    private static final String COURSE_FILE = """
            name: tp0
            services:
              server:
                container_name: server
                image: server:latest
                entrypoint: python3 /main.py
                environment:
                  - PYTHONUNBUFFERED=1
                networks:
                  - testing_net
                volumes:
                  - ./server/config.ini:/config.ini:ro
                  - data:/data
                  - /etc/hostname:/host-hostname:ro
              client1:
                container_name: client1
                build: ./client
                env_file: ./client/.env
                ports:
                  - "8080:80"
                  - "127.0.0.1:9090:90"
                  - "70"
                labels:
                  - "course=tp0"
                networks:
                  testing_net:
                    ipv4_address: 172.25.125.10
                volumes:
                  - type: bind
                    source: ./client/config.yaml
                    target: /config.yaml
                depends_on:
                  - server
              worker:
                build:
                  context: ../shared
                  dockerfile: worker/Dockerfile
                labels:
                  course: tp0
                x-grader-weight: 3
            networks:
              testing_net:
                ipam:
                  driver: default
                  config:
                    - subnet: 172.25.125.0/24
              outside:
                external: true
            volumes:
              data:
                name: fixed-data
            x-course:
              year: 2024
            """;

    private static final Map<String, String> LABELS = ordered("dev.tpharness", "true", "dev.tpharness.run", "r1");

    private final Path dir = Path.of("/course/tp0").toAbsolutePath();
    private final ComposeFile course = ComposeFile.parse(COURSE_FILE, dir.resolve("docker-compose-dev.yaml"));

    @Test
    void unknownKeysSurviveARoundTripAndBothRewrites() {
        ComposeFile reread = ComposeFile.parse(course.toYaml(), null);
        ComposeFile isolated = course.isolated(LABELS);

        assertThat(reread.root()).isEqualTo(course.root());
        assertThat(isolated.root().get("x-course").get("year").asInt()).isEqualTo(2024);
        assertThat(isolated.service("worker").get("x-grader-weight").asInt()).isEqualTo(3);
        assertThat(isolated.service("server").get("entrypoint").asString()).isEqualTo("python3 /main.py");
        assertThat(course.labelled(LABELS).root().get("x-course")).isEqualTo(course.root().get("x-course"));
    }

    @Test
    void isolationReplacesContainerNamesAndDropsFixedSubnetsAndFixedAddresses() {
        ComposeFile isolated = course.isolated(LABELS);

        assertThat(isolated.serviceNames()).containsExactly("server", "client1", "worker");
        assertThat(isolated.serviceNames()).allSatisfy(s -> assertThat(isolated.service(s).get("container_name").asString())
                .matches("tph-[0-9a-f]{8}-s[1-3]"));
        JsonNode ipam = isolated.root().get("networks").get("testing_net").get("ipam");
        assertThat(ipam.has("config")).isFalse();
        assertThat(ipam.get("driver").asString()).isEqualTo("default");
        assertThat(isolated.service("client1").get("networks").get("testing_net").has("ipv4_address")).isFalse();
        assertThat(isolated.root().get("volumes").get("data").has("name")).isFalse();
    }

    @Test
    void isolationPublishesPortsOnEphemeralHostPorts() {
        JsonNode ports = course.isolated(LABELS).service("client1").get("ports");

        assertThat(ports.valueStream().map(JsonNode::asString)).containsExactly("80", "127.0.0.1::90", "70");
    }

    @Test
    void labelsAreAddedToEveryServiceBuildNetworkAndNamedVolumeInTheirOwnForm() {
        ComposeFile isolated = course.isolated(LABELS);

        assertThat(labelMap(isolated.service("server"))).containsAllEntriesOf(LABELS);
        assertThat(isolated.service("client1").get("labels").valueStream().map(JsonNode::asString))
                .containsExactly("course=tp0", "dev.tpharness=true", "dev.tpharness.run=r1");
        assertThat(labelMap(isolated.service("worker"))).containsEntry("course", "tp0").containsAllEntriesOf(LABELS);
        assertThat(labelMap((ObjectNode) isolated.service("worker").get("build"))).containsAllEntriesOf(LABELS);
        assertThat(labelMap((ObjectNode) isolated.service("client1").get("build"))).containsAllEntriesOf(LABELS);
        assertThat(labelMap((ObjectNode) isolated.root().get("networks").get("testing_net"))).containsAllEntriesOf(LABELS);
        assertThat(labelMap((ObjectNode) isolated.root().get("volumes").get("data"))).containsAllEntriesOf(LABELS);
    }

    @Test
    void theImplicitDefaultNetworkIsLabelledWhenAServiceUsesIt() {
        assertThat(labelMap((ObjectNode) course.isolated(LABELS).root().get("networks").get("default")))
                .containsAllEntriesOf(LABELS);
        ComposeFile allOnNamedNetworks = ComposeFile.parse("""
                services:
                  a: {image: alpine, networks: [n]}
                networks:
                  n: {}
                """, null);
        assertThat(allOnNamedNetworks.isolated(LABELS).networkNames()).containsExactly("n");
    }

    @Test
    void externalNetworksAreNeitherLabelledNorChanged() {
        JsonNode outside = course.isolated(LABELS).root().get("networks").get("outside");

        assertThat(outside).isEqualTo(course.root().get("networks").get("outside"));
    }

    @Test
    void relativePathsAreResolvedAgainstTheFolderOfTheOriginalFile() {
        ComposeFile isolated = course.isolated(LABELS);

        assertThat(isolated.service("server").get("volumes").valueStream().map(JsonNode::asString)).containsExactly(
                dir.resolve("server/config.ini") + ":/config.ini:ro", "data:/data", "/etc/hostname:/host-hostname:ro");
        assertThat(isolated.service("client1").get("volumes").get(0).get("source").asString())
                .isEqualTo(dir.resolve("client/config.yaml").toString());
        assertThat(isolated.service("client1").get("build").get("context").asString()).isEqualTo(dir.resolve("client").toString());
        assertThat(isolated.service("client1").get("env_file").asString()).isEqualTo(dir.resolve("client/.env").toString());
        assertThat(isolated.service("worker").get("build").get("context").asString())
                .isEqualTo(Path.of("/course/shared").toAbsolutePath().toString());
        assertThat(isolated.service("worker").get("build").get("dockerfile").asString()).isEqualTo("worker/Dockerfile");
    }

    @Test
    void courseFaithfulCopyKeepsNamesSubnetsAndPortsButResolvesPathsAndLabels() {
        ComposeFile faithful = course.labelled(LABELS);

        assertThat(faithful.name()).contains("tp0");
        assertThat(faithful.service("server").get("container_name").asString()).isEqualTo("server");
        assertThat(faithful.root().get("networks").get("testing_net").get("ipam").get("config").get(0).get("subnet").asString())
                .isEqualTo("172.25.125.0/24");
        assertThat(faithful.service("client1").get("ports").get(0).asString()).isEqualTo("8080:80");
        assertThat(faithful.root().get("volumes").get("data").get("name").asString()).isEqualTo("fixed-data");
        assertThat(faithful.service("server").get("volumes").get(0).asString()).startsWith(dir.toString());
        assertThat(labelMap(faithful.service("server"))).containsAllEntriesOf(LABELS);
    }

    @Test
    void rewritesLeaveTheOriginalTreeUntouched() {
        String before = course.toYaml();

        course.isolated(LABELS);
        course.labelled(LABELS);

        assertThat(course.toYaml()).isEqualTo(before);
    }

    @Test
    void withoutASourceRelativePathsStayRelative() {
        ComposeFile generated = ComposeFile.parse("services: {s: {image: x, volumes: ['./a:/a']}}", null);

        assertThat(generated.isolated(LABELS).service("s").get("volumes").get(0).asString()).isEqualTo("./a:/a");
        assertThat(generated.withSource(dir.resolve("x.yaml")).isolated(LABELS).service("s").get("volumes").get(0).asString())
                .isEqualTo(dir.resolve("a") + ":/a");
    }

    private static Map<String, String> labelMap(ObjectNode owner) {
        Map<String, String> labels = new LinkedHashMap<>();
        owner.get("labels").propertyStream().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static Map<String, String> ordered(String... kv) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    /**
     * Course scripts find their network with {@code docker network ls | grep testing_net} and their
     * containers by name: no Docker name of an isolated copy may contain a service or network name.
     */
    @Test
    void isolatedDockerNamesNeverContainTheFilesOwnNames() {
        ComposeFile isolated = course.isolated(Map.of("dev.tpharness.project", "tph-0a1b2c3d4e5f"));
        List<String> dockerNames = new java.util.ArrayList<>();
        isolated.serviceNames().forEach(s -> dockerNames.add(isolated.service(s).get("container_name").asString()));
        dockerNames.add(isolated.root().get("networks").get("testing_net").get("name").asString());
        assertThat(isolated.root().get("networks").get("outside").has("name")).as("an external network keeps its name").isFalse();
        assertThat(dockerNames).containsExactly("tph-0a1b2c3d4e5f-s1", "tph-0a1b2c3d4e5f-s2", "tph-0a1b2c3d4e5f-s3",
                "tph-0a1b2c3d4e5f-n1");
        for (String own : List.of("server", "client1", "worker", "testing_net")) {
            assertThat(dockerNames).noneMatch(n -> n.contains(own));
        }
    }

    @Test
    void aReplicatedServiceKeepsComposesDerivedNames() {
        ComposeFile scaled = ComposeFile.parse("services:\n  web:\n    image: x\n    container_name: web\n    deploy:\n      replicas: 3\n",
                null);
        assertThat(scaled.isolated(LABELS).service("web").has("container_name")).isFalse();
    }
}
