package dev.tpharness.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class ProbeOptionsTest {

    @Test
    void defaultsUseThePinnedAlpineImage() {
        ProbeOptions o = ProbeOptions.defaults();

        assertThat(o.image()).isEqualTo("alpine:3.20");
        assertThat(o.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.replyTimeout()).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void withersReturnChangedCopies() {
        ProbeOptions d = ProbeOptions.defaults();
        ProbeOptions o = d.withImage("busybox:1.36").withReplyTimeout(Duration.ofSeconds(2));

        assertThat(o.image()).isEqualTo("busybox:1.36");
        assertThat(o.replyTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(d).isEqualTo(ProbeOptions.defaults());
    }

    @Test
    void timeoutsAreRoundedUpToWholeSecondsForBusyBox() {
        ProbeOptions o = ProbeOptions.defaults().withConnectTimeout(Duration.ofMillis(1500)).withReplyTimeout(Duration.ofMillis(10));

        assertThat(o.connectSeconds()).isEqualTo(2);
        assertThat(o.exchangeSeconds()).isEqualTo(3);
    }

    @Test
    void rejectsBlankImagesAndNonPositiveTimeouts() {
        assertThatThrownBy(() -> ProbeOptions.defaults().withImage(" ")).hasMessageContaining("must not be blank");
        assertThatThrownBy(() -> ProbeOptions.defaults().withReplyTimeout(Duration.ZERO))
                .hasMessage("replyTimeout must be positive, was PT0S");
    }
}
