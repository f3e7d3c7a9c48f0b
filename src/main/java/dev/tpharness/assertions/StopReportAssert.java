package dev.tpharness.assertions;

import dev.tpharness.shutdown.StopReport;

/** Assertions for a {@link StopReport}; start with {@link HarnessAssertions#assertThat(StopReport)}. */
public final class StopReportAssert extends AbstractStopReportAssert<StopReportAssert, StopReport> {

    public StopReportAssert(StopReport actual) {
        super(actual, StopReportAssert.class);
    }
}
