package dev.tpharness.assertions;

import dev.tpharness.compose.ComposeStack;

/** Concrete assertion for {@link ComposeStack}; obtain it through {@link HarnessAssertions#assertThat(ComposeStack)}. */
public final class ComposeStackAssert extends AbstractComposeStackAssert<ComposeStackAssert> {

    public ComposeStackAssert(ComposeStack actual) {
        super(actual, ComposeStackAssert.class);
    }
}
