package dev.tpharness.probe;

import java.util.OptionalInt;

/**
 * Renders byte arrays for humans: printable text with escapes, hex around an offset, and the full
 * mismatch report the exchange assertions use, for an echo ({@link #mismatch}: the reply against
 * the payload) and for any other protocol ({@link #replyMismatch}: the reply against the expected
 * reply). Both reports come from one renderer and differ only in their words. Pure functions.
 *
 * <pre>{@code
 * EchoDiff.escape("hola\n".getBytes(UTF_8));            // "hola\n" (with a backslash-n)
 * EchoDiff.mismatch("hello\n".getBytes(), "hello".getBytes());
 * // echo mismatch at offset 5: sent 6 bytes, received 5 bytes (the reply stops where the payload goes on)
 * //   sent:     "hello\n"
 * //   received: "hello"
 * //   hex from offset 0:
 * //     sent:     68 65 6c 6c 6f [0a] --
 * //     received: 68 65 6c 6c 6f [--]
 * EchoDiff.replyMismatch("3\n5\n".getBytes(), "3\n6\n".getBytes());
 * // reply mismatch at offset 2: expected 4 bytes, received 4 bytes
 * //   expected: "3\n5\n"
 * //   received: "3\n6\n"
 * //   hex from offset 0:
 * //     expected: 33 0a [35] 0a --
 * //     received: 33 0a [36] 0a --
 * }</pre>
 */
public final class EchoDiff {

    /** Bytes shown escaped on each side of a mismatch report before eliding. */
    static final int TEXT_WINDOW = 160;
    /** Bytes of hex shown before and after the first differing offset. */
    static final int HEX_RADIUS = 8;

    /** Bytes of hex shown by {@link #describeReply}. */
    static final int HEX_DUMP = 32;

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** The words of a report: an echo compares the reply with what was sent, a reply check with what was expected. */
    private record Words(String kind, String expected, String expectedWhole, String equal) {
        static final Words ECHO = new Words("echo", "sent", "the payload", "reply is byte-exact");
        static final Words REPLY = new Words("reply", "expected", "the expected reply", "reply is as expected");
    }

    private EchoDiff() {
    }

    /**
     * The first offset at which the two arrays differ, counting "one ends before the other" as a
     * difference at the shorter length; empty when they are equal.
     */
    public static OptionalInt firstDifference(byte[] expected, byte[] actual) {
        int common = Math.min(expected.length, actual.length);
        for (int i = 0; i < common; i++) {
            if (expected[i] != actual[i]) {
                return OptionalInt.of(i);
            }
        }
        return expected.length == actual.length ? OptionalInt.empty() : OptionalInt.of(common);
    }

    /**
     * All bytes as one double-quoted line: printable ASCII and well-formed printable UTF-8 as
     * themselves, {@code \n \r \t \0 \\ \"} escaped, any other byte as {@code \xNN}.
     */
    public static String escape(byte[] bytes) {
        return escape(bytes, 0, bytes.length);
    }

    /** Like {@link #escape(byte[])} for {@code bytes[from, to)}, with {@code …} where bytes were left out. */
    public static String escape(byte[] bytes, int from, int to) {
        from = Math.max(0, from);
        to = Math.min(bytes.length, to);
        StringBuilder sb = new StringBuilder(to - from + 8);
        if (from > 0) {
            sb.append('…');
        }
        sb.append('"');
        int i = from;
        while (i < to) {
            i = appendEscaped(bytes, i, to, sb);
        }
        sb.append('"');
        if (to < bytes.length) {
            sb.append('…');
        }
        return sb.toString();
    }

    /** Hex of {@code bytes[from, to)} with the byte at {@code mark} in brackets (none for a mark outside the range); {@code --} past the end. */
    public static String hex(byte[] bytes, int from, int to, int mark) {
        StringBuilder sb = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                sb.append(' ');
            }
            String cell = i < bytes.length ? hexByte(bytes[i]) : "--";
            sb.append(i == mark ? "[" + cell + "]" : cell);
            if (i >= bytes.length) {
                break; // one "--" says "the bytes end here"
            }
        }
        return sb.toString();
    }

    /**
     * The report for a reply that is not the payload: lengths, the first differing offset, both
     * sides escaped (a window around the offset for long messages) and hex around the offset.
     * For equal arrays it says so.
     */
    public static String mismatch(byte[] sent, byte[] received) {
        return render(Words.ECHO, sent, received);
    }

    /**
     * The same report for a reply that is not the expected reply (any request/reply protocol):
     * {@code reply mismatch at offset N: expected X bytes, received Y bytes}, both sides escaped,
     * hex around the offset, labelled {@code expected:} and {@code received:}. For equal arrays it
     * says so.
     */
    public static String replyMismatch(byte[] expected, byte[] received) {
        return render(Words.REPLY, expected, received);
    }

    /**
     * A reply on its own, for checks that have no expected bytes to diff against: its length and
     * the reply escaped (the first {@value #TEXT_WINDOW} bytes), then the hex of its first
     * {@value #HEX_DUMP} bytes.
     *
     * <pre>{@code
     * EchoDiff.describeReply("3\n5".getBytes());
     * //   received: "3\n5" (3 bytes)
     * //   hex:      33 0a 35
     * }</pre>
     */
    public static String describeReply(byte[] received) {
        String hex = received.length == 0 ? "(no bytes)"
                : hex(received, 0, Math.min(received.length, HEX_DUMP), -1) + (received.length > HEX_DUMP ? " …" : "");
        return "  received: " + escape(received, 0, TEXT_WINDOW) + " (" + received.length + " bytes)\n"
                + "  hex:      " + hex;
    }

    private static String render(Words words, byte[] expected, byte[] received) {
        OptionalInt diff = firstDifference(expected, received);
        if (diff.isEmpty()) {
            return words.equal() + ": " + expected.length + " bytes, " + escape(expected, 0, TEXT_WINDOW);
        }
        int offset = diff.getAsInt();
        int textFrom = Math.max(0, offset - TEXT_WINDOW / 2);
        int hexFrom = Math.max(0, offset - HEX_RADIUS);
        int hexTo = offset + HEX_RADIUS + 1;
        String label = (words.expected() + ":          ").substring(0, 10);
        return words.kind() + " mismatch at offset " + offset + ": " + words.expected() + " " + expected.length
                + " bytes, received " + received.length + " bytes" + lengthHint(words, expected, received, offset) + "\n"
                + "  " + label + escape(expected, textFrom, textFrom + TEXT_WINDOW) + "\n"
                + "  received: " + escape(received, textFrom, textFrom + TEXT_WINDOW) + "\n"
                + "  hex from offset " + hexFrom + ":\n"
                + "    " + label + hex(expected, hexFrom, Math.max(hexFrom + 1, Math.min(hexTo, expected.length + 1)), offset) + "\n"
                + "    received: " + hex(received, hexFrom, Math.max(hexFrom + 1, Math.min(hexTo, received.length + 1)), offset);
    }

    private static String lengthHint(Words words, byte[] expected, byte[] received, int offset) {
        if (received.length == 0) {
            return " (nothing came back)";
        }
        if (offset == received.length) {
            return " (the reply stops where " + words.expectedWhole() + " goes on)";
        }
        if (offset == expected.length) {
            return " (the reply goes on after " + words.expectedWhole() + " ends)";
        }
        return "";
    }

    private static int appendEscaped(byte[] b, int i, int to, StringBuilder sb) {
        int v = b[i] & 0xff;
        if (v < 0x80) {
            switch (v) {
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case 0 -> sb.append("\\0");
                case '\\' -> sb.append("\\\\");
                case '"' -> sb.append("\\\"");
                default -> {
                    if (v < 0x20 || v == 0x7f) {
                        sb.append("\\x").append(hexByte(b[i]));
                    } else {
                        sb.append((char) v);
                    }
                }
            }
            return i + 1;
        }
        int length = v >= 0xf0 && v <= 0xf4 ? 4 : v >= 0xe0 ? 3 : v >= 0xc2 && v <= 0xdf ? 2 : 0;
        if (length > 0 && i + length <= to) {
            int cp = v & (0xff >> (length + 1));
            boolean ok = true;
            for (int k = 1; k < length && ok; k++) {
                int c = b[i + k] & 0xff;
                ok = (c & 0xc0) == 0x80;
                cp = (cp << 6) | (c & 0x3f);
            }
            int min = length == 2 ? 0x80 : length == 3 ? 0x800 : 0x10000;
            if (ok && cp >= min && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) && isPrintable(cp)) {
                sb.appendCodePoint(cp);
                return i + length;
            }
        }
        sb.append("\\x").append(hexByte(b[i]));
        return i + 1;
    }

    private static boolean isPrintable(int cp) {
        int type = Character.getType(cp);
        return type != Character.CONTROL && type != Character.FORMAT && type != Character.UNASSIGNED
                && type != Character.PRIVATE_USE && type != Character.LINE_SEPARATOR
                && type != Character.PARAGRAPH_SEPARATOR;
    }

    private static String hexByte(byte b) {
        return new String(new char[] {HEX[(b >> 4) & 0xf], HEX[b & 0xf]});
    }
}
