package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A run whose JVM is provably gone is stale at once; anything unknown is treated as alive. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OwnerProcessTest {

    private static final String HOST = "h0st";

    @Test
    void thisMachineIsIdentifiedOnLinux() {
        assertThat(OwnerProcess.CURRENT).isPresent();
        assertThat(HarnessRun.labels("p", Instant.now())).containsKeys(HarnessRun.HOST_LABEL, HarnessRun.PROCESS_LABEL);
    }

    @Test
    void aLiveProcessIsNotGone() {
        ProcessHandle self = ProcessHandle.current();
        String label = self.pid() + "@" + self.info().startInstant().orElseThrow().toEpochMilli();
        assertThat(OwnerProcess.isGone(HOST, label, HOST)).isFalse();
    }

    @Test
    void anExitedProcessIsGone() throws Exception {
        Process p = new ProcessBuilder("true").start();
        long start = p.info().startInstant().map(Instant::toEpochMilli).orElse(System.currentTimeMillis());
        assertThat(p.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(OwnerProcess.isGone(HOST, p.pid() + "@" + start, HOST)).isTrue();
    }

    @Test
    void aReusedPidIsGone() {
        long pid = ProcessHandle.current().pid();
        assertThat(OwnerProcess.isGone(HOST, pid + "@1000", HOST)).as("same pid, another start time").isTrue();
    }

    @Test
    void anotherMachineOrGarbageIsNeverGone() {
        assertThat(OwnerProcess.isGone("other", "999999999@1000", HOST)).isFalse();
        assertThat(OwnerProcess.isGone(HOST, "garbage", HOST)).isFalse();
        assertThat(OwnerProcess.isGone(HOST, null, HOST)).isFalse();
        assertThat(OwnerProcess.isGone(null, "1@1", HOST)).isFalse();
    }

    @Test
    void sweepDecision() {
        long now = Instant.now().getEpochSecond();
        Map<String, String> fresh = new HashMap<>(Map.of(HarnessRun.LABEL, "true", HarnessRun.RUN_LABEL, "otherrun",
                HarnessRun.STARTED_LABEL, Long.toString(now)));
        assertThat(HarnessRun.isStale(fresh, now - 3600, (h, p) -> false)).as("fresh, owner alive").isFalse();
        assertThat(HarnessRun.isStale(fresh, now - 3600, (h, p) -> true)).as("fresh, owner gone").isTrue();
        assertThat(HarnessRun.isStale(fresh, now + 10, (h, p) -> false)).as("older than the threshold").isTrue();
        Map<String, String> mine = new HashMap<>(fresh);
        mine.put(HarnessRun.RUN_LABEL, HarnessRun.RUN_ID);
        assertThat(HarnessRun.isStale(mine, now + 10, (h, p) -> true)).as("this run's own").isFalse();
        Map<String, String> noStart = new HashMap<>(fresh);
        noStart.remove(HarnessRun.STARTED_LABEL);
        assertThat(HarnessRun.isStale(noStart, now + 10, (h, p) -> true)).as("no start time: not made by the harness").isFalse();
    }
}
