package dev.tpharness.logs;

import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class LogStreamTest {

    private static final String LINE = "client1  | 2024-03-01 10:00:00 INFO     action: receive_message | result: success | client_id: 1 | msg: m";

    @Test
    void keepsProtocolLinesParsedAndAllLinesInTheRawTail() {
        LogStream stream = new LogStream("client1");

        stream.accept("client1  | starting\n" + LINE + "\n");
        stream.accept("client1  | garbage");

        assertThat(stream.lines()).extracting(LogLine::action).containsExactly("receive_message");
        assertThat(stream.rawTail()).hasSize(3);
        assertThat(stream.rawLineCount()).isEqualTo(3);
    }

    @Test
    void boundsTheRawTail() {
        LogStream stream = new LogStream("s", 2);

        stream.accept("a\nb\nc\n");

        assertThat(stream.rawTail()).containsExactly("b", "c");
        assertThat(stream.rawLineCount()).isEqualTo(3);
    }

    @Test
    void awaitReturnsAtOnceWhenTheConditionIsAlreadyMet() {
        LogStream stream = LogStream.of("client1", LINE);

        List<LogLine> lines = stream.await(action("receive_message").result("success"), Duration.ofMillis(1));

        assertThat(lines).hasSize(1);
    }

    @Test
    void awaitWakesUpWhenAnotherThreadFeedsTheMatchingLine() throws Exception {
        LogStream stream = new LogStream("client1");
        CompletableFuture<List<LogLine>> waiting = CompletableFuture.supplyAsync(
                () -> stream.await(action("receive_message").count(2), Duration.ofSeconds(10)));

        stream.accept(LINE);
        stream.accept(LINE);

        assertThat(waiting.get(10, TimeUnit.SECONDS)).hasSize(2);
    }

    @Test
    void awaitTimeoutNamesServiceConditionCountsAndLastLines() {
        LogStream stream = new LogStream("client1");
        stream.accept(LINE);
        stream.accept("client1  | 2024-03-01 10:00:01 INFO     action: connect | result: fail | client_id: 1 | error: refused");

        assertThatThrownBy(() -> stream.await(action("receive_message").result("success").count(5), Duration.ofMillis(50)))
                .isInstanceOf(LogTimeoutError.class)
                .hasMessageStartingWith("client1 did not log at least 5 lines with action 'receive_message', result 'success' within 50 ms: "
                        + "found 1 matching line among 2 protocol lines (2 lines in all).")
                .hasMessageContaining("Last 2 lines seen:")
                .hasMessageContaining("action: connect | result: fail | client_id: 1 | error: refused");
    }

    @Test
    void awaitFailsAtOnceWhenTheStreamHasEnded() {
        LogStream stream = LogStream.of("server", "server  | bye\n");
        long start = System.nanoTime();

        assertThatThrownBy(() -> stream.await(action("loop_finished"), Duration.ofSeconds(30)))
                .isInstanceOf(LogTimeoutError.class)
                .hasMessageContaining("the log has ended");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void anEndedStreamsFailureSaysWhyItEndedInsteadOfATimeout() {
        LogStream stream = new LogStream("oneshot");
        stream.accept("oneshot  | action: work | result: success\n");
        stream.markEnded("service oneshot exited (tph-x-s2: code 3 at 2026-01-01T10:00:00Z)");
        stream.markEnded("the stack tph-x was taken down");

        assertThatThrownBy(() -> stream.await(action("loop_finished"), Duration.ofMinutes(10)))
                .isInstanceOf(LogTimeoutError.class)
                .hasMessageStartingWith("oneshot did not log a line with action 'loop_finished' before its log ended: found 0")
                .hasMessageContaining("the log has ended: service oneshot exited (tph-x-s2: code 3 at 2026-01-01T10:00:00Z))")
                .hasMessageNotContaining("within")
                .hasMessageContaining("oneshot  | action: work | result: success");
        assertThat(stream.endReason()).hasValue("service oneshot exited (tph-x-s2: code 3 at 2026-01-01T10:00:00Z)");
    }

    @Test
    void awaitOnAnEmptyStreamSaysNoLineWasSeen() {
        assertThatThrownBy(() -> new LogStream("server").await(action("config"), Duration.ofMillis(10)))
                .hasMessageContaining("No line was seen");
    }

    @Test
    void listsNonConformingLines() {
        LogStream stream = LogStream.of("server", LINE + "\nserver  | action: shutdown | result: server_shutdown\n");

        assertThat(stream.nonConformingLines()).extracting(LogLine::result).containsExactly("server_shutdown");
    }
}
