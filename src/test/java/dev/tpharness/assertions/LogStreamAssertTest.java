package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Test;

import dev.tpharness.logs.LogStream;

class LogStreamAssertTest {

    private static final String CLIENT_LOG = """
            client1  | 2026-01-01 10:00:00 INFO     action: config | result: success | client_id: 1 | server_address: server:12345
            client1  | 2026-01-01 10:00:00 INFO     action: receive_message | result: success | client_id: 1 | msg: [CLIENT 1] Message N°1
            client1  | 2026-01-01 10:00:01 INFO     action: receive_message | result: success | client_id: 1 | msg: [CLIENT 1] Message N°2
            client1  | 2026-01-01 10:00:02 INFO     action: loop_finished | result: success | client_id: 1
            client1 exited with code 0
            """;

    @Test
    void conformingLogPassesBothChecks() {
        assertThatCode(() -> assertThat(LogStream.of("client1", CLIENT_LOG))
                .hasLogged(action("receive_message").result("success").count(2))
                .hasLogged(action("loop_finished"))
                .hasNoNonConformingLines()).doesNotThrowAnyException();
    }

    @Test
    void missingLinesFailHasLoggedWithTheLastLines() {
        Assertions.assertThat(catchThrowableOfType(AssertionError.class,
                () -> assertThat(LogStream.of("client1", CLIENT_LOG)).hasLogged(action("receive_message").count(5))))
                .hasMessageStartingWith("client1 did not log at least 5 lines with action 'receive_message' so far: found 2 matching lines")
                .hasMessageContaining("client1 exited with code 0");
    }

    @Test
    void aLineWithAnUnknownResultFailsTheContractCheck() {
        LogStream server = LogStream.of("server", "server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: server_shutdown\n"
                + "server  | 2026-01-01 10:00:00 INFO     action: close | result: success | listener closed\n");

        Assertions.assertThat(catchThrowableOfType(AssertionError.class, () -> assertThat(server).hasNoNonConformingLines()))
                .hasMessage("""
                        expected every protocol line of server to follow the contract, but 2 do not:
                          server  | 2026-01-01 10:00:00 INFO     action: shutdown | result: server_shutdown
                            -> result 'server_shutdown' is not one of success, fail, in_progress
                          server  | 2026-01-01 10:00:00 INFO     action: close | result: success | listener closed
                            -> field 'listener closed' is not 'key: value' (no colon)""");
    }
}
