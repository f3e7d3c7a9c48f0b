package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SubnetOverlapTest {

    @ParameterizedTest(name = "{0} vs {1}: {2}")
    @CsvSource({
        "172.25.125.0/24, 172.25.0.0/16, true",
        "172.25.0.0/16, 172.25.125.0/24, true",
        "172.25.125.0/24, 172.25.125.0/24, true",
        "172.25.125.0/24, 172.25.126.0/24, false",
        "172.25.125.0/24, 172.18.0.0/16, false",
        "172.25.125.0/24, 0.0.0.0/0, true",
        "172.25.125.0/24, fd00::/64, false",
        "garbage, 172.25.0.0/16, false",
    })
    void tellsWhetherTwoBlocksShareAnAddress(String a, String b, boolean overlap) {
        assertThat(DockerApi.overlaps(a, b)).isEqualTo(overlap);
    }
}
