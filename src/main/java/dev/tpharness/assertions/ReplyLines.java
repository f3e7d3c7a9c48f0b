package dev.tpharness.assertions;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A reply cut after each {@code \n}: every line keeps its newline, only the last may lack one (a partial line). */
final class ReplyLines {

    private final List<byte[]> lines;

    private ReplyLines(List<byte[]> lines) {
        this.lines = lines;
    }

    static ReplyLines of(byte[] bytes) {
        List<byte[]> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                lines.add(Arrays.copyOfRange(bytes, start, i + 1));
                start = i + 1;
            }
        }
        if (start < bytes.length) {
            lines.add(Arrays.copyOfRange(bytes, start, bytes.length));
        }
        return new ReplyLines(List.copyOf(lines));
    }

    /** The UTF-8 bytes of each line followed by {@code \n}; a line that holds a newline itself is refused. */
    static byte[] join(String... lines) {
        Objects.requireNonNull(lines, "lines");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < lines.length; i++) {
            Objects.requireNonNull(lines[i], "line " + (i + 1));
            if (lines[i].indexOf('\n') >= 0) {
                throw new IllegalArgumentException("expected line " + (i + 1) + " contains a newline: give each line"
                        + " without its \\n (the check adds one to every line), one argument per line");
            }
            out.writeBytes(lines[i].getBytes(StandardCharsets.UTF_8));
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** How many lines end in a newline. */
    int terminatedCount() {
        return hasPartialLine() ? lines.size() - 1 : lines.size();
    }

    /** Whether bytes follow the last newline (or there is no newline at all in a non-empty reply). */
    boolean hasPartialLine() {
        return !lines.isEmpty() && lines.get(lines.size() - 1)[lines.get(lines.size() - 1).length - 1] != '\n';
    }

    /** The bytes after the last newline; empty when there are none. */
    byte[] partialLine() {
        return hasPartialLine() ? lines.get(lines.size() - 1).clone() : new byte[0];
    }

    /** Lines counted with the partial one, if any. */
    int size() {
        return lines.size();
    }

    /** Line {@code index} (0-based) with its newline, if it has one. */
    byte[] line(int index) {
        return lines.get(index).clone();
    }
}
