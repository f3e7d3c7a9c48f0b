package dev.tpharness.tp0.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import dev.tpharness.compose.model.ComposeFile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class Tp0ComposeGeneratorTest {

    /** The whole file for one client, byte for byte: any change to the output shows up here. */
    private static final String ONE_CLIENT = """
            name: tp0
            services:
              server:
                container_name: server
                image: server:latest
                volumes:
                  - ./server/config.ini:/app/config.ini:ro
                networks:
                  - testing_net
              client1:
                container_name: client1
                image: client:latest
                environment:
                  - CLI_ID=1
                volumes:
                  - ./client/config.yaml:/app/config.yaml:ro
                networks:
                  - testing_net
                depends_on:
                  - server
            networks:
              testing_net:
                ipam:
                  driver: default
                  config:
                    - subnet: 172.25.125.0/24
            """;

    @Test
    void oneClientGivesExactlyTheGoldenText() {
        assertThat(Tp0ComposeGenerator.generate(1).toYaml()).isEqualTo(ONE_CLIENT);
    }

    @Test
    void zeroClientsGivesTheServerAlone() {
        ComposeFile file = Tp0ComposeGenerator.generate(0);

        assertThat(file.name()).contains("tp0");
        assertThat(file.serviceNames()).containsExactly("server");
        assertServer(file);
        assertNetwork(file);
    }

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {1, 5, 1000})
    void everyClientHasItsNameImageIdConfigNetworkAndDependency(int clients) {
        ComposeFile file = Tp0ComposeGenerator.generate(clients);

        List<String> expected = new ArrayList<>(List.of("server"));
        IntStream.rangeClosed(1, clients).forEach(i -> expected.add("client" + i));
        assertThat(file.serviceNames()).containsExactlyElementsOf(expected);
        assertServer(file);
        for (int i = 1; i <= clients; i++) {
            ObjectNode client = file.service("client" + i);
            assertThat(client.propertyNames()).as("client%d keys", i).containsExactly(
                    "container_name", "image", "environment", "volumes", "networks", "depends_on");
            assertThat(client.get("container_name").asString()).isEqualTo("client" + i);
            assertThat(client.get("image").asString()).isEqualTo("client:latest");
            assertThat(strings(client.get("environment"))).as("client%d environment", i)
                    .containsExactly("CLI_ID=" + i);
            assertThat(strings(client.get("volumes"))).containsExactly("./client/config.yaml:/app/config.yaml:ro");
            assertThat(strings(client.get("networks"))).containsExactly("testing_net");
            assertThat(strings(client.get("depends_on"))).containsExactly("server");
        }
        assertNetwork(file);
    }

    @ParameterizedTest(name = "{0} clients")
    @ValueSource(ints = {0, 1, 5, 1000})
    void sameInputGivesTheSameBytesAndTheTextReadsBackToTheSameTree(int clients) {
        String first = Tp0ComposeGenerator.generate(clients).toYaml();
        String second = Tp0ComposeGenerator.generate(clients).toYaml();

        assertThat(second).isEqualTo(first);
        assertThat(ComposeFile.parse(first, null).root()).isEqualTo(Tp0ComposeGenerator.generate(clients).root());
    }

    @Test
    void theFileForNClientsIsTheOneForOneClientWithMoreClientBlocks() {
        String five = Tp0ComposeGenerator.generate(5).toYaml();
        String clientBlock = ONE_CLIENT.substring(ONE_CLIENT.indexOf("  client1:"), ONE_CLIENT.indexOf("networks:\n  testing_net"));

        for (int i = 2; i <= 5; i++) {
            assertThat(five).contains(clientBlock.replace("client1", "client" + i).replace("CLI_ID=1", "CLI_ID=" + i));
        }
    }

    @Test
    void theLargestAllowedNumberOfClientsIsGenerated() {
        ComposeFile file = Tp0ComposeGenerator.generate(Tp0ComposeGenerator.MAX_CLIENTS);

        assertThat(file.serviceNames()).hasSize(Tp0ComposeGenerator.MAX_CLIENTS + 1)
                .endsWith("client" + Tp0ComposeGenerator.MAX_CLIENTS);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(ints = {-1, Integer.MIN_VALUE, Tp0ComposeGenerator.MAX_CLIENTS + 1, Integer.MAX_VALUE})
    void numbersOutsideTheRangeAreRejectedWithTheRangeInTheMessage(int clients) {
        assertThatThrownBy(() -> Tp0ComposeGenerator.generate(clients))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("between 0 and " + Tp0ComposeGenerator.MAX_CLIENTS)
                .hasMessageContaining("was " + clients);
    }

    @Test
    void clientNamesStartAtOne() {
        assertThat(Tp0ComposeGenerator.clientName(1)).isEqualTo("client1");
        assertThat(Tp0ComposeGenerator.clientName(42)).isEqualTo("client42");
        assertThatThrownBy(() -> Tp0ComposeGenerator.clientName(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theSubnetLimitCountsTheGatewayAndTheServer() {
        // 256 addresses in a /24, minus network, broadcast and gateway, minus the server
        assertThat(Tp0ComposeGenerator.MAX_CLIENTS_IN_SUBNET).isEqualTo(256 - 3 - 1);
        assertThat(Tp0ComposeGenerator.SUBNET).endsWith("/24");
    }

    private static void assertServer(ComposeFile file) {
        ObjectNode server = file.service("server");
        // no environment at all: nothing may override the mounted config.ini (exercise 2)
        assertThat(server.propertyNames()).containsExactly("container_name", "image", "volumes", "networks");
        assertThat(server.get("container_name").asString()).isEqualTo("server");
        assertThat(server.get("image").asString()).isEqualTo("server:latest");
        assertThat(strings(server.get("volumes"))).containsExactly("./server/config.ini:/app/config.ini:ro");
        assertThat(strings(server.get("networks"))).containsExactly("testing_net");
    }

    private static void assertNetwork(ComposeFile file) {
        assertThat(file.root().propertyNames()).containsExactly("name", "services", "networks");
        assertThat(file.networkNames()).containsExactly("testing_net");
        JsonNode ipam = file.root().get("networks").get("testing_net").get("ipam");
        assertThat(ipam.get("driver").asString()).isEqualTo("default");
        assertThat(ipam.get("config")).hasSize(1);
        assertThat(ipam.get("config").get(0).get("subnet").asString()).isEqualTo("172.25.125.0/24");
    }

    private static List<String> strings(JsonNode array) {
        assertThat(array).as("a YAML list").isNotNull();
        assertThat(array.isArray()).as("a YAML list, found %s", array).isTrue();
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asString()));
        return values;
    }
}
