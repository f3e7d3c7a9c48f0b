package dev.tpharness.assertions;

import dev.tpharness.probe.EchoExchange;

/** Assertions for an {@link EchoExchange}; start with {@link HarnessAssertions#assertThat(EchoExchange)}. */
public final class EchoExchangeAssert extends AbstractEchoExchangeAssert<EchoExchangeAssert, EchoExchange> {

    public EchoExchangeAssert(EchoExchange actual) {
        super(actual, EchoExchangeAssert.class);
    }
}
