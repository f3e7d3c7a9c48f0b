package dev.tpharness.compose;

import java.time.Duration;

import dev.tpharness.compose.model.ResourceLimits;

/**
 * Immutable settings of one stack: what its builder was told, on top of the harness settings it
 * was built with.
 */
record StackSettings(Duration upTimeout, Duration commandTimeout, Duration stopTimeout, Duration exclusiveWait,
                     Duration pullTimeout, ResourceLimits limits, HarnessSettings harness) {
}
