package dev.tpharness.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ValuesTest {

    @ParameterizedTest
    @CsvSource({"30s, PT30S", "500ms, PT0.5S", "2m, PT2M", "1h, PT1H", "1m30s, PT1M30S", "0, PT0S", "PT45S, PT45S", "1.5s, PT1.5S"})
    void durationsAreWrittenTheShortWayOrInIso8601(String text, String iso) {
        assertThat(Values.duration(text, "tp.x")).isEqualTo(Duration.parse(iso));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "", "10", "5 s", "s", "-5s", "1x"})
    void anythingElseIsNamedWithTheSettingAndWhatIsAccepted(String text) {
        assertThatThrownBy(() -> Values.duration(text, "tp.docker.apiTimeout"))
                .hasMessageStartingWith("tp.docker.apiTimeout=" + text + " is not a duration; use e.g. 30s");
    }

    @ParameterizedTest
    @CsvSource({"8m, 8388608", "512k, 524288", "1g, 1073741824", "10MiB, 10485760", "4096, 4096", "1.5k, 1536"})
    void sizesUseBinaryUnits(String text, long bytes) {
        assertThat(Values.size(text, "tp.x")).isEqualTo(bytes);
    }

    @ParameterizedTest
    @ValueSource(strings = {"lots", "0", "-1m", "8q"})
    void badSizesAreNamed(String text) {
        assertThatThrownBy(() -> Values.size(text, "tp.logs.maxInMemory")).hasMessageStartingWith("tp.logs.maxInMemory=" + text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"yes", "1", ""})
    void booleansAreTrueOrFalse(String text) {
        assertThat(Values.bool("TRUE", "tp.x")).isTrue();
        assertThatThrownBy(() -> Values.bool(text, "tp.compose.strict"))
                .hasMessage("tp.compose.strict=" + text + " is not understood; use true or false");
    }
}
