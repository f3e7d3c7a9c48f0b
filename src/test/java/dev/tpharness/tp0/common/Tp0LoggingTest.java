package dev.tpharness.tp0.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

import ch.qos.logback.classic.Level;
import dev.tpharness.tp0.common.ProtocolLine.Result;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class Tp0LoggingTest {

    @Test
    void linesHaveDateTimeLevelPaddedToEightAndTheProtocolMessage() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tp0Logging.configure(Level.DEBUG, out);
        LoggerFactory.getLogger("t").info("{}", ProtocolLine.of("config", Result.SUCCESS).with("port", 12345));
        LoggerFactory.getLogger("t").debug("{}", ProtocolLine.of("x", Result.IN_PROGRESS));
        LoggerFactory.getLogger("t").error("{}", ProtocolLine.of("x", Result.FAIL).with("error", "boom"));
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n", -1);
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} INFO     action: config \\| result: success \\| port: 12345");
        assertThat(lines[1]).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} DEBUG    action: x \\| result: in_progress");
        assertThat(lines[2]).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2} ERROR    action: x \\| result: fail \\| error: boom");
        assertThat(lines[3]).isEmpty();
    }

    @Test
    void levelFiltersButTheConfigLineIsAlwaysPrinted() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Tp0Logging.configure(Level.ERROR, out);
        LoggerFactory.getLogger("t").info("hidden");
        LoggerFactory.getLogger(Tp0Logging.CONFIG_LOGGER).info("{}", ProtocolLine.of("config", Result.SUCCESS));
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("hidden").contains("INFO     action: config | result: success");
    }

    @Test
    void valuesKeepTheirColons() {
        assertThat(ProtocolLine.of("config", Result.SUCCESS).with("server_address", "server:12345").toString())
                .isEqualTo("action: config | result: success | server_address: server:12345");
    }

    @Test
    void keysMustBeSnakeCase() {
        assertThatThrownBy(() -> ProtocolLine.of("config", Result.SUCCESS).with("serverAddress", "x"))
                .hasMessageContaining("snake_case").hasMessageContaining("serverAddress");
    }

    @Test
    void levelNamesAsTheCourseWritesThem() throws Exception {
        assertThat(Tp0Logging.parseLevel("debug")).isEqualTo(Level.DEBUG);
        assertThat(Tp0Logging.parseLevel("WARNING")).isEqualTo(Level.WARN);
        assertThatThrownBy(() -> Tp0Logging.parseLevel("LOUD")).hasMessageContaining("invalid log level 'LOUD'");
    }
}
