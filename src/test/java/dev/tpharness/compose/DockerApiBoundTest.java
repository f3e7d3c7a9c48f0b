package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.Isolated;

/** A Docker API call that never returns (a stuck engine) ends at its bound with the call named. */
@Isolated("sets -Dtp.docker.apiTimeout")
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class DockerApiBoundTest {

    @Test
    void aCallThatNeverReturnsEndsAtTheBound() {
        String previous = System.getProperty(DockerApi.API_TIMEOUT_PROPERTY);
        System.setProperty(DockerApi.API_TIMEOUT_PROPERTY, "PT0.3S");
        CountDownLatch never = new CountDownLatch(1);
        try {
            long start = System.nanoTime();
            assertThatThrownBy(() -> DockerApi.bounded("list networks", () -> {
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
        } finally {
            if (previous == null) {
                System.clearProperty(DockerApi.API_TIMEOUT_PROPERTY);
            } else {
                System.setProperty(DockerApi.API_TIMEOUT_PROPERTY, previous);
            }
        }
    }
}
