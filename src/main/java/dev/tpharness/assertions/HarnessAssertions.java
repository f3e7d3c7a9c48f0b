package dev.tpharness.assertions;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.logs.LogStream;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.shutdown.StopReport;

/**
 * Entry point for the harness's AssertJ-style assertions. Works next to AssertJ's own
 * {@code assertThat} (the overloads take harness types only).
 *
 * <pre>{@code
 * import static dev.tpharness.assertions.HarnessAssertions.assertThat;
 * import static dev.tpharness.logs.LogConditions.action;
 *
 * assertThat(probe.send("server", 12345, "hello\n")).isByteExact().repliedWithin(Duration.ofSeconds(2));
 * assertThat(stopReport).isGraceful().loggedAfterSignal(action("shutdown").result("success"));
 * assertThat(clientLog).hasLogged(action("loop_finished").result("success")).hasNoNonConformingLines();
 * }</pre>
 */
public final class HarnessAssertions {

    private HarnessAssertions() {
    }

    /** Checks on one netcat exchange: {@code isByteExact()}, {@code hasReply(..)}, {@code hasReplyLines(..)}, {@code repliedWithin(..)}, {@code hasOutcome(..)}. */
    public static EchoExchangeAssert assertThat(EchoExchange actual) {
        return new EchoExchangeAssert(actual);
    }

    /** Checks on a stop report: {@code isGraceful()}, {@code hasVerdict(..)}, {@code stoppedWithin(..)}, {@code loggedAfterSignal(..)}. */
    public static StopReportAssert assertThat(StopReport actual) {
        return new StopReportAssert(actual);
    }

    /** Checks on a service's log: {@code hasLogged(..)}, {@code hasNoNonConformingLines()}. */
    public static LogStreamAssert assertThat(LogStream actual) {
        return new LogStreamAssert(actual);
    }

    /** Checks on a running stack: {@code hasServiceRunning(..)}, {@code hasServiceExitedWith(..)}. */
    public static ComposeStackAssert assertThat(ComposeStack actual) {
        return new ComposeStackAssert(actual);
    }
}
