package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Which failed {@code down} is only the engine's removals overlapping (retried) and which is a real error (reported). */
class DownRaceTest {

    private static ComposeCommandException failedDown(String stderr) {
        return new ComposeCommandException(List.of("docker", "compose", "down"), 1, null, "", stderr, null);
    }

    @Test
    void aNetworkStillHeldByARemovalInProgressIsARace() {
        assertThat(ComposeStack.isEngineRace(failedDown(" Network tph-1-n1  Removing\nError response from daemon: error while removing network:"
                + " network tph-1-n1 id 9de1 has active endpoints"))).isTrue();
        assertThat(ComposeStack.isEngineRace(failedDown("Error response from daemon: removal of container 6a26 is already in progress")))
                .isTrue();
    }

    @Test
    void anyOtherFailureIsReportedAsItIs() {
        assertThat(ComposeStack.isEngineRace(failedDown("Cannot connect to the Docker daemon at unix:///var/run/docker.sock"))).isFalse();
        assertThat(ComposeStack.isEngineRace(failedDown(""))).isFalse();
    }
}
