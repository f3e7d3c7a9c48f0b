package dev.tpharness.logs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LogLineTest {

    @Test
    void parsesAPlainProtocolLine() {
        LogLine line = LogLine.parse("action: accept_connections | result: in_progress").orElseThrow();

        assertThat(line.action()).isEqualTo("accept_connections");
        assertThat(line.result()).isEqualTo("in_progress");
        assertThat(line.fields()).isEmpty();
        assertThat(line.source()).isEmpty();
        assertThat(line.isContractConforming()).isTrue();
    }

    @Test
    void stripsComposeServicePrefixTimestampAndPaddedLevel() {
        LogLine line = LogLine.parse(
                "client1  | 2024-03-01 10:00:05 INFO     action: receive_message | result: success | client_id: 1 | msg: [CLIENT 1] Message N°1")
                .orElseThrow();

        assertThat(line.source()).contains("client1");
        assertThat(line.timestamp()).contains("2024-03-01 10:00:05");
        assertThat(line.level()).contains("INFO");
        assertThat(line.action()).isEqualTo("receive_message");
        assertThat(line.fields()).containsExactly(Map.entry("client_id", "1"), Map.entry("msg", "[CLIENT 1] Message N°1"));
        assertThat(line.isContractConforming()).isTrue();
    }

    @Test
    void stripsContainerNamePrefixAndOtherLevels() {
        LogLine line = LogLine.parse("tp0-client1-1  | 2024-03-01 10:00:05 DEBUG    action: connect | result: fail | error: dial tcp")
                .orElseThrow();

        assertThat(line.source()).contains("tp0-client1-1");
        assertThat(line.level()).contains("DEBUG");
        assertThat(line.result()).isEqualTo("fail");
        assertThat(line.field("error")).contains("dial tcp");
    }

    @Test
    void stripsColoursAndTheEraseLineEscapeOfComposeLogsFollow() {
        String raw = "\u001B[2K\u001B[36mserver  |\u001B[0m 2024-03-01 10:00:00 \u001B[32mINFO\u001B[0m     action: config | result: success | port: 12345";

        LogLine line = LogLine.parse(raw).orElseThrow();

        assertThat(line.source()).contains("server");
        assertThat(line.action()).isEqualTo("config");
        assertThat(line.field("port")).contains("12345");
        assertThat(line.raw()).isEqualTo(raw);
    }

    @Test
    void splitsEachFieldOnItsFirstColonOnly() {
        LogLine line = LogLine.parse(
                "action: config | result: success | client_id: 1 | server_address: server:12345 | loop_period: 1m30s")
                .orElseThrow();

        assertThat(line.field("server_address")).contains("server:12345");
        assertThat(line.field("loop_period")).contains("1m30s");
        assertThat(line.isContractConforming()).isTrue();
    }

    @Test
    void keepsAnUnknownResultButFlagsIt() {
        LogLine line = LogLine.parse("2024-03-01 10:00:00 INFO     action: shutdown | result: server_shutdown").orElseThrow();

        assertThat(line.result()).isEqualTo("server_shutdown");
        assertThat(line.hasKnownResult()).isFalse();
        assertThat(line.violations()).containsExactly("result 'server_shutdown' is not one of success, fail, in_progress");
    }

    @Test
    void flagsAFieldWithoutColon() {
        LogLine line = LogLine.parse("action: receive_message | result: success | hello world").orElseThrow();

        assertThat(line.violations()).containsExactly("field 'hello world' is not 'key: value' (no colon)");
    }

    @Test
    void flagsAMissingResultAndKeysThatAreNotSnakeCase() {
        LogLine line = LogLine.parse("action: connect | clientId: 1").orElseThrow();

        assertThat(line.result()).isEmpty();
        assertThat(line.violations()).containsExactly("the second field is not 'result: ...'",
                "key 'clientId' is not snake_case");
    }

    @Test
    void flagsDuplicateKeysAndKeepsTheFirstValue() {
        LogLine line = LogLine.parse("action: a | result: success | ip: 1 | ip: 2").orElseThrow();

        assertThat(line.field("ip")).contains("1");
        assertThat(line.violations()).containsExactly("key 'ip' appears more than once");
    }

    @Test
    void acceptsWindowsLineEndings() {
        assertThat(LogLine.parse("action: a | result: fail\r").orElseThrow().result()).isEqualTo("fail");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "Starting server on port 12345", "server  | Exception in thread \"main\" java.lang.NullPointerException",
            "\tat dev.tp0.Server.run(Server.java:42)", "2024-03-01 10:00:00 INFO     Listening", "||||", ":::", "\u001B[2K",
            "client1 exited with code 0", "reaction: x | result: success", "server  | ", "action"})
    void neverThrowsAndReturnsEmptyForLinesThatAreNotProtocolLines(String raw) {
        assertThat(LogLine.parse(raw)).isEqualTo(Optional.empty());
    }

    @Test
    void rebuildsTheProtocolMessage() {
        LogLine line = LogLine.parse("client1  | 2024-03-01 10:00:00 INFO     action: a |result:success|  k :  v ").orElseThrow();

        assertThat(line.message()).isEqualTo("action: a | result: success | k: v");
        assertThat(line).hasToString("client1 | action: a | result: success | k: v");
    }
}
