package dev.tpharness.example.counter;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import dev.tpharness.grading.Advisory;
import dev.tpharness.grading.Required;
import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Exercise {@code count}: a service {@code counter} on TCP 9000 answers each line it receives with
 * the line's length in bytes ({@code abc\n} -> {@code 3\n}) and stops with exit 0 on SIGTERM. Each
 * check starts its own isolated stack of the repository's {@code docker-compose.yaml}.
 */
@Tag("count")
@ExtendWith(CounterGrading.class)
@Execution(ExecutionMode.CONCURRENT)
@DisplayName("count")
public class CountChecks {

    /** The grace period of the stop: what {@code docker compose down} gives by default is 10 s; half is plenty for a counter. */
    static final Duration GRACE = Duration.ofSeconds(5);

    @Test
    @DisplayName("answers each line with its length")
    @Required("statement: the service answers each line it receives with the line's length (abc -> 3)")
    void answersEachLineWithItsLength(CounterSolution counter) {
        counter.up();
        assertThat(counter.send("abc\nhello\n")).hasReplyLines("3", "5");
    }

    @Test
    @DisplayName("exits 0 on SIGTERM within the grace period")
    @Required("statement: the service stops with exit code 0 on SIGTERM")
    void exitsZeroOnSigterm(CounterSolution counter) {
        counter.up(); // up() returns once the counter accepts connections
        List<StopObservation> stops = counter.stack().down(GRACE).stream()
                .filter(s -> s.service().equals(CounterSolution.SERVICE)).toList();
        assertThat(stops).as("the counter's containers when the stack went down").isNotEmpty();
        for (StopObservation stop : stops) {
            assertThat(StopReport.of(stop)).isGraceful();
        }
    }

    @Test
    @DisplayName("answers an empty line with 0")
    @Advisory("an empty line is a line too: a client sending a blank line gets its length, not silence")
    void answersAnEmptyLineWithZero(CounterSolution counter) {
        counter.up();
        assertThat(counter.send("\nab\n")).hasReplyLines("0", "2");
    }

    @Test
    @DisplayName("answers a 64 KiB line with 65536")
    @Advisory("a line longer than one network read is still one line: a counter that reads in fixed chunks answers it in pieces")
    void countsA64KiBLine(CounterSolution counter) {
        counter.up();
        assertThat(counter.send("x".repeat(64 * 1024) + "\n")).hasReplyLines("65536");
    }
}
