package dev.tpharness.assertions;

import dev.tpharness.logs.LogStream;

/** Assertions for a {@link LogStream}; start with {@link HarnessAssertions#assertThat(LogStream)}. */
public final class LogStreamAssert extends AbstractLogStreamAssert<LogStreamAssert, LogStream> {

    public LogStreamAssert(LogStream actual) {
        super(actual, LogStreamAssert.class);
    }
}
