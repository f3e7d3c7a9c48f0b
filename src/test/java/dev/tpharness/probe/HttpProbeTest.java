package dev.tpharness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HttpProbeTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "0.0.0.0:49153          | http://localhost:49153",
            "[::]:49153             | http://localhost:49153",
            ":::49153               | http://localhost:49153",
            ":49153                 | http://localhost:49153",
            "127.0.0.1:8080         | http://127.0.0.1:8080",
            "[::1]:8080             | http://[::1]:8080",
            "docker.host:32768      | http://docker.host:32768"})
    void resolvesTheBaseUriFromDockerComposePortOutput(String output, String expected) {
        assertThat(HttpProbe.baseUriFromPortOutput(output + "\n")).isEqualTo(URI.create(expected));
    }

    @Test
    void takesTheFirstAddressWhenDockerPrintsIpv4AndIpv6() {
        assertThat(HttpProbe.baseUriFromPortOutput("0.0.0.0:32770\n[::]:32770\n")).isEqualTo(URI.create("http://localhost:32770"));
    }

    @Test
    void anUnpublishedPortIsAClearError() {
        assertThatThrownBy(() -> HttpProbe.baseUriFromPortOutput(":0\n")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no published HOST:PORT in `docker compose port` output ':0'");
        assertThatThrownBy(() -> HttpProbe.baseUriFromPortOutput("")).hasMessage("`docker compose port` printed nothing");
    }

    @Test
    void forServiceUsesTheLookupAndExplainsHowToFixAMissingPort() {
        assertThat(HttpProbe.forService("api", 8080, (service, port) -> "0.0.0.0:40001").baseUri())
                .isEqualTo(URI.create("http://localhost:40001"));
        assertThatThrownBy(() -> HttpProbe.forService("api", 8080, (service, port) -> ":0"))
                .hasMessageStartingWith("cannot reach port 8080 of service 'api' from the host")
                .hasMessageContaining("ports: [\"8080\"]");
    }

    @Test
    void requestCarriesBaseUriAndPort() {
        var spec = (io.restassured.specification.FilterableRequestSpecification) HttpProbe.at(URI.create("http://localhost:40001")).request();

        assertThat(spec.getBaseUri()).isEqualTo("http://localhost");
        assertThat(spec.getPort()).isEqualTo(40001);
    }
}
