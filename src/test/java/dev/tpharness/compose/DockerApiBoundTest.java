package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import dev.tpharness.internal.DockerEngine;

/** A Docker API call that never returns (a stuck engine) ends at its bound with the call named. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DockerApiBoundTest {

    @Test
    void aCallThatNeverReturnsEndsAtTheBound() {
        CountDownLatch never = new CountDownLatch(1);
        long start = System.nanoTime();
        assertThatThrownBy(() -> DockerEngine.bounded("list networks", Duration.ofMillis(300), () -> {
            never.await();
            return null;
        })).isInstanceOf(ComposeCommandException.class)
                .hasMessageStartingWith("Docker did not answer `list networks` within 300 ms")
                .hasMessageContaining("-Dtp.docker.apiTimeout");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(DockerApi.bounded("answer", () -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> DockerApi.bounded("fail", () -> {
            throw new IllegalArgumentException("from the client");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("from the client");
    }

    @Test
    void theBoundIsASetting() {
        assertThat(HarnessSettings.defaults().dockerApiTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(HarnessSettings.defaults().with(DockerApi.API_TIMEOUT_PROPERTY, "300ms").dockerApiTimeout())
                .isEqualTo(Duration.ofMillis(300));
    }
}
