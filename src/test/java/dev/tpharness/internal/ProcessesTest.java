package dev.tpharness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class ProcessesTest {

    @Test
    void aStreamKeepsItsFirstBytesAndCountsTheRest() {
        Processes.Capped c = new Processes.Capped(10);
        c.write("0123456".getBytes(), 0, 7);
        c.write("789abc".getBytes(), 0, 6);
        c.write('d');
        assertThat(c.toString()).isEqualTo("0123456789");
        assertThat(c.note("stdout")).contains("4 more bytes of stdout not kept (limit 10 bytes)");
        assertThat(new Processes.Capped(10).note("stdout")).isEmpty();
    }

    @Test
    void aProgramThatWritesWithoutEndDoesNotFillMemory() {
        // 40 MiB of output: more than the limit, which is kept and the rest counted
        Processes.Result r = Processes.run(List.of("sh", "-c", "head -c 41943040 /dev/zero"), Map.of("PATH", "/usr/bin:/bin"), null,
                Duration.ofSeconds(60), null, true);
        assertThat(r.exitCode()).isZero();
        assertThat(r.stdout()).hasSize(Processes.OUTPUT_LIMIT);
        assertThat(r.stderr()).contains((41943040L - Processes.OUTPUT_LIMIT) + " more bytes of stdout not kept");
    }
}
