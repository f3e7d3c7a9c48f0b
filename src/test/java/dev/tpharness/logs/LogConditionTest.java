package dev.tpharness.logs;

import static dev.tpharness.logs.LogConditions.action;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class LogConditionTest {

    private static LogLine line(String text) {
        return LogLine.parse(text).orElseThrow();
    }

    private final List<LogLine> lines = List.of(
            line("action: receive_message | result: success | client_id: 1"),
            line("action: receive_message | result: fail | client_id: 2"),
            line("action: receive_message | result: success | client_id: 2"),
            line("action: loop_finished | result: success | client_id: 1"));

    @Test
    void describesItselfAsASentence() {
        assertThat(action("loop_finished").result("success"))
                .hasToString("a line with action 'loop_finished', result 'success'");
        assertThat(action("receive_message").field("client_id", "1").count(5))
                .hasToString("at least 5 lines with action 'receive_message', client_id '1'");
        assertThat(LogConditions.anyLine()).hasToString("a line");
    }

    @Test
    void matchesOnActionResultAndFields() {
        assertThat(action("receive_message").result("success").matchingLines(lines)).hasSize(2);
        assertThat(action("receive_message").field("client_id", "2").matchingLines(lines)).hasSize(2);
        assertThat(action("receive_message").result("success").field("client_id", "2").matchingLines(lines)).hasSize(1);
        assertThat(action("connect").matchingLines(lines)).isEmpty();
    }

    @Test
    void countIsAMinimum() {
        assertThat(action("receive_message").count(3).isSatisfiedBy(lines)).isTrue();
        assertThat(action("receive_message").count(4).isSatisfiedBy(lines)).isFalse();
    }

    @Test
    void refinementsDoNotChangeTheOriginal() {
        LogCondition base = action("receive_message");
        base.result("fail").count(2);

        assertThat(base.matchingLines(lines)).hasSize(3);
        assertThat(base.minimumCount()).isEqualTo(1);
    }

    @Test
    void rejectsACountBelowOne() {
        assertThatThrownBy(() -> action("a").count(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("count must be at least 1, was 0");
    }

    @Test
    void customPredicatesCarryTheirDescription() {
        LogCondition c = LogConditions.line("a msg field", l -> l.field("msg").isPresent());

        assertThat(c).hasToString("a line with a msg field");
        assertThat(c.isSatisfiedBy(lines)).isFalse();
    }
}
