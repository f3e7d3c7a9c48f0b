package dev.tpharness.tp0.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

    @ParameterizedTest(name = "{0} -> {1} ns")
    @CsvSource({
        "100ms, 100000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "1.5s, 1500000000",
        "250ms, 250000000",
        "2h45m, 9900000000000",
        "0, 0",
        "300us, 300000",
        "1\u00b5s, 1000",
        "1.5h, 5400000000000",
        "-2s, -2000000000",
        ".5s, 500000000",
    })
    void parsesGoSyntax(String text, long nanos) {
        assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
    }

    @ParameterizedTest(name = "{1} ns formats as {0}")
    @CsvSource({
        "100ms, 100000000",
        "5s, 5000000000",
        "1m30s, 90000000000",
        "1.5s, 1500000000",
        "0s, 0",
        "1h0m0s, 3600000000000",
        "2h45m0s, 9900000000000",
        "1m0s, 60000000000",
        "1.234567891s, 1234567891",
        "1.5\u00b5s, 1500",
        "999ns, 999",
        "-1.5s, -1500000000",
    })
    void formatsLikeGoDurationString(String text, long nanos) {
        assertThat(GoDuration.format(Duration.ofNanos(nanos))).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "5", "5x", "s", "1..5s", "abc", "5 s", "1.5.5s"})
    void rejectsWhatGoRejects(String text) {
        assertThatThrownBy(() -> GoDuration.parse(text))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("invalid duration '" + text + "'")
                .hasMessageContaining("Go syntax");
    }

    @Test
    void roundTripsWhatItFormats() {
        for (String s : new String[] {"100ms", "5s", "1m30s", "1.5s", "1h2m3.5s"}) {
            assertThat(GoDuration.format(GoDuration.parse(s))).isEqualTo(s);
        }
    }
}
