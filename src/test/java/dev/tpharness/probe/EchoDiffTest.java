package dev.tpharness.probe;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.OptionalInt;

import org.junit.jupiter.api.Test;

class EchoDiffTest {

    private static byte[] b(String s) {
        return s.getBytes(UTF_8);
    }

    @Test
    void firstDifferenceIsEmptyForEqualArrays() {
        assertThat(EchoDiff.firstDifference(b("hello\n"), b("hello\n"))).isEmpty();
        assertThat(EchoDiff.firstDifference(new byte[0], new byte[0])).isEmpty();
    }

    @Test
    void firstDifferenceFindsTheFirstDifferingByteOrTheShorterLength() {
        assertThat(EchoDiff.firstDifference(b("hello"), b("hallo"))).isEqualTo(OptionalInt.of(1));
        assertThat(EchoDiff.firstDifference(b("hello\n"), b("hello"))).isEqualTo(OptionalInt.of(5));
        assertThat(EchoDiff.firstDifference(b("hello\n"), b("hello\n\n"))).isEqualTo(OptionalInt.of(6));
        assertThat(EchoDiff.firstDifference(b("x"), new byte[0])).isEqualTo(OptionalInt.of(0));
    }

    @Test
    void escapesControlBytesAndKeepsPrintableUtf8() {
        assertThat(EchoDiff.escape(b("a\n\r\t\\\"b"))).isEqualTo("\"a\\n\\r\\t\\\\\\\"b\"");
        assertThat(EchoDiff.escape(new byte[] {'a', 0, 0x1b, 0x7f})).isEqualTo("\"a\\0\\x1b\\x7f\"");
        assertThat(EchoDiff.escape(b("[CLIENT 1] Message N°1 ¿qué? 🙂"))).isEqualTo("\"[CLIENT 1] Message N°1 ¿qué? 🙂\"");
    }

    @Test
    void escapesInvalidOrTruncatedUtf8ByteByByte() {
        assertThat(EchoDiff.escape(new byte[] {(byte) 0xff, (byte) 0xc3})).isEqualTo("\"\\xff\\xc3\"");
        assertThat(EchoDiff.escape(new byte[] {(byte) 0xc0, (byte) 0x80})).isEqualTo("\"\\xc0\\x80\""); // overlong NUL
        byte[] degree = b("°");
        assertThat(EchoDiff.escape(degree, 0, 1)).isEqualTo("\"\\xc2\"…");
    }

    @Test
    void escapeOfARangeMarksWhatWasLeftOut() {
        assertThat(EchoDiff.escape(b("abcdef"), 2, 4)).isEqualTo("…\"cd\"…");
    }

    @Test
    void hexMarksTheOffsetAndShowsTheEnd() {
        assertThat(EchoDiff.hex(b("hello"), 0, 6, 5)).isEqualTo("68 65 6c 6c 6f [--]");
        assertThat(EchoDiff.hex(b("hallo"), 0, 3, 1)).isEqualTo("68 [61] 6c");
    }

    @Test
    void mismatchOfATrimmedNewline() {
        assertThat(EchoDiff.mismatch(b("hello\n"), b("hello"))).isEqualTo("""
                echo mismatch at offset 5: sent 6 bytes, received 5 bytes (the reply stops where the payload goes on)
                  sent:     "hello\\n"
                  received: "hello"
                  hex from offset 0:
                    sent:     68 65 6c 6c 6f [0a] --
                    received: 68 65 6c 6c 6f [--]""");
    }

    @Test
    void mismatchOfAnAddedNewline() {
        assertThat(EchoDiff.mismatch(b("hi\n"), b("hi\n\n"))).isEqualTo("""
                echo mismatch at offset 3: sent 3 bytes, received 4 bytes (the reply goes on after the payload ends)
                  sent:     "hi\\n"
                  received: "hi\\n\\n"
                  hex from offset 0:
                    sent:     68 69 0a [--]
                    received: 68 69 0a [0a] --""");
    }

    @Test
    void mismatchOfAPrefixedReply() {
        String report = EchoDiff.mismatch(b("hello\n"), b("ECHO: hello\n"));

        assertThat(report).startsWith("echo mismatch at offset 0: sent 6 bytes, received 12 bytes\n")
                .contains("  received: \"ECHO: hello\\n\"")
                .contains("    sent:     [68] 65 6c 6c 6f 0a --")
                .contains("    received: [45] 43 48 4f 3a 20 68 65 6c");
    }

    @Test
    void mismatchWhenNothingCameBack() {
        assertThat(EchoDiff.mismatch(b("hi\n"), new byte[0]))
                .startsWith("echo mismatch at offset 0: sent 3 bytes, received 0 bytes (nothing came back)");
    }

    @Test
    void mismatchInALongPayloadShowsWindowsAroundTheOffset() {
        byte[] sent = new byte[65536];
        Arrays.fill(sent, (byte) 'a');
        byte[] received = sent.clone();
        received[40000] = 'b';

        String report = EchoDiff.mismatch(sent, received);

        assertThat(report).startsWith("echo mismatch at offset 40000: sent 65536 bytes, received 65536 bytes\n")
                .contains("hex from offset 39992:")
                .contains("received: 61 61 61 61 61 61 61 61 [62] 61");
        assertThat(report.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(200));
    }

    @Test
    void equalArraysAreReportedAsByteExact() {
        assertThat(EchoDiff.mismatch(b("ok\n"), b("ok\n"))).isEqualTo("reply is byte-exact: 3 bytes, \"ok\\n\"");
    }

    @Test
    void replyMismatchIsTheSameReportInTheWordsOfAnExpectedReply() {
        assertThat(EchoDiff.replyMismatch(b("3\n5\n"), b("3\n6\n"))).isEqualTo("""
                reply mismatch at offset 2: expected 4 bytes, received 4 bytes
                  expected: "3\\n5\\n"
                  received: "3\\n6\\n"
                  hex from offset 0:
                    expected: 33 0a [35] 0a --
                    received: 33 0a [36] 0a --""");
    }

    @Test
    void replyMismatchOfAShorterAndALongerReply() {
        assertThat(EchoDiff.replyMismatch(b("3\n5\n"), b("3\n")))
                .startsWith("reply mismatch at offset 2: expected 4 bytes, received 2 bytes (the reply stops where the expected reply goes on)\n");
        assertThat(EchoDiff.replyMismatch(b("3\n"), b("3\n5\n")))
                .startsWith("reply mismatch at offset 2: expected 2 bytes, received 4 bytes (the reply goes on after the expected reply ends)\n");
        assertThat(EchoDiff.replyMismatch(b("3\n"), new byte[0]))
                .startsWith("reply mismatch at offset 0: expected 2 bytes, received 0 bytes (nothing came back)");
    }

    @Test
    void replyMismatchOfEqualArraysSaysSo() {
        assertThat(EchoDiff.replyMismatch(b("3\n"), b("3\n"))).isEqualTo("reply is as expected: 2 bytes, \"3\\n\"");
    }

    @Test
    void describeReplyShowsTheReplyEscapedAndInHex() {
        assertThat(EchoDiff.describeReply(b("3\n5")))
                .isEqualTo("  received: \"3\\n5\" (3 bytes)\n  hex:      33 0a 35");
        assertThat(EchoDiff.describeReply(new byte[0])).isEqualTo("  received: \"\" (0 bytes)\n  hex:      (no bytes)");
    }

    @Test
    void describeReplyOfALongReplyShowsItsStart() {
        byte[] long_ = new byte[1000];
        Arrays.fill(long_, (byte) 'a');

        String text = EchoDiff.describeReply(long_);

        assertThat(text).contains("(1000 bytes)").contains("\"…").endsWith(" 61 61 …");
        assertThat(text.lines()).allSatisfy(l -> assertThat(l.length()).isLessThan(200));
    }
}
