package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import org.junit.jupiter.api.Test;

/** What the harness holds of a log is bounded: the newest lines up to a budget, and no line grows without end. */
class LogTailTest {

    @Test
    void keepsTheNewestLinesWithinTheBudgetAndSaysWhatItDropped() {
        DockerApi.LogTail tail = new DockerApi.LogTail(10_000);
        for (int i = 0; i < 1_000; i++) {
            tail.accept(new DockerApi.LogLine(Instant.EPOCH, "line " + i + " " + "x".repeat(100)));
        }
        List<DockerApi.LogLine> lines = tail.lines();
        assertThat(lines.get(0).text()).startsWith("[tp-harness: ").contains("earlier lines").contains("dropped");
        assertThat(lines.get(lines.size() - 1).text()).startsWith("line 999 ");
        assertThat(lines.stream().skip(1).mapToLong(l -> l.text().length() + 64).sum()).isLessThanOrEqualTo(10_000);
        assertThat(tail.droppedLines()).isEqualTo(1_000 - (lines.size() - 1));
    }

    @Test
    void underTheBudgetNothingIsDroppedNorAnnounced() {
        DockerApi.LogTail tail = new DockerApi.LogTail(1 << 20);
        tail.accept(new DockerApi.LogLine(Instant.EPOCH, "only"));
        assertThat(tail.lines()).extracting(DockerApi.LogLine::text).containsExactly("only");
    }

    @Test
    void aFloodWithoutNewlinesIsCutIntoBoundedLines() {
        List<String> lines = new ArrayList<>();
        DockerApi.LineSplitter splitter = new DockerApi.LineSplitter(lines::add);
        byte[] chunk = "y".repeat(64 * 1024).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < 40; i++) { // 2.5 MiB without a newline
            splitter.accept(new Frame(StreamType.STDOUT, chunk));
        }
        splitter.flush();
        assertThat(lines).hasSize(3).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(DockerApi.MAX_LINE_BYTES));
    }

    @Test
    void sizesAreParsedAndGarbageIsNamed() {
        assertThat(Sizes.parseBytes("8m", "-Dx")).isEqualTo(8L << 20);
        assertThat(Sizes.parseBytes("512k", "-Dx")).isEqualTo(512L << 10);
        assertThat(Sizes.parseBytes("4096", "-Dx")).isEqualTo(4096);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Sizes.parseBytes("lots", "-Dtp.logs.maxInMemory"))
                .hasMessageContaining("-Dtp.logs.maxInMemory=lots is not a size");
    }
}
