package dev.tpharness.probe;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * One message sent by a {@link NetcatProbe} and what came back: the payload and reply bytes,
 * how the exchange ended and how long it took. Immutable; the byte accessors return copies.
 *
 * <p>Not only for echoes: the probe sends bytes, half-closes its side, and records whatever the
 * server answered, so any request/reply protocol can be checked (the class keeps its historical
 * name). For an echo, {@link #isByteExact()} compares the reply with the payload; for any other
 * protocol, {@link #hasReply(byte[])} compares it with the reply you expect. A line-length counter,
 * for instance:
 *
 * <pre>{@code
 * EchoExchange counted = probe.send("counter", 7000, "abc\nhello\n");
 * counted.replyText();                                    // "3\n5\n"
 * counted.hasReply("3\n5\n".getBytes(UTF_8));            // true: complete and equal
 * assertThat(counted).hasReply("3\n5\n").hasReplyLines("3", "5");
 * }</pre>
 *
 * <p>"Byte-exact" means the server closed the connection after replying (the reply is complete)
 * and the reply equals the payload, byte for byte.
 */
public final class EchoExchange {

    private final String target;
    private final byte[] payload;
    private final byte[] reply;
    private final ExchangeOutcome outcome;
    private final Duration elapsed;
    private final String probeOutput;

    private EchoExchange(String target, byte[] payload, byte[] reply, ExchangeOutcome outcome, Duration elapsed,
            String probeOutput) {
        this.target = Objects.requireNonNull(target, "target");
        this.payload = payload.clone();
        this.reply = reply.clone();
        this.outcome = Objects.requireNonNull(outcome, "outcome");
        this.elapsed = Objects.requireNonNull(elapsed, "elapsed");
        this.probeOutput = probeOutput == null ? "" : probeOutput;
    }

    /**
     * An exchange from its parts (the probe builds these; tests and other probes may too).
     *
     * @param target      {@code host:port} as the probe addressed it
     * @param probeOutput what the probe printed on stderr (nc's error message), may be empty
     */
    public static EchoExchange of(String target, byte[] payload, byte[] reply, ExchangeOutcome outcome,
            Duration elapsed, String probeOutput) {
        return new EchoExchange(target, Objects.requireNonNull(payload, "payload"),
                Objects.requireNonNull(reply, "reply"), outcome, elapsed, probeOutput);
    }

    /** {@code host:port} the message went to. */
    public String target() {
        return target;
    }

    /** A copy of the bytes sent. */
    public byte[] payload() {
        return payload.clone();
    }

    /** A copy of the bytes received (possibly partial, see {@link #outcome()}). */
    public byte[] reply() {
        return reply.clone();
    }

    /**
     * The reply decoded as UTF-8 (what a text protocol answered); malformed bytes become U+FFFD,
     * so compare bytes ({@link #reply()}, {@link #hasReply(byte[])}) when every byte matters.
     */
    public String replyText() {
        return new String(reply, StandardCharsets.UTF_8);
    }

    public ExchangeOutcome outcome() {
        return outcome;
    }

    /**
     * Wall-clock time of the whole exchange as the harness saw it: from starting the probe command
     * to its end (includes the {@code docker exec} overhead, tens of milliseconds).
     */
    public Duration elapsed() {
        return elapsed;
    }

    /** What the probe printed on stderr (e.g. nc's "Connection refused"); empty on success. */
    public String probeOutput() {
        return probeOutput;
    }

    /** Whether the reply is complete (the server closed the connection) and equals the payload. */
    public boolean isByteExact() {
        return outcome.isComplete() && Arrays.equals(payload, reply);
    }

    /** First offset where reply and payload differ (see {@link EchoDiff#firstDifference}); empty if equal. */
    public OptionalInt firstDifference() {
        return EchoDiff.firstDifference(payload, reply);
    }

    /**
     * Whether the reply is complete (the server closed the connection, as for
     * {@link #isByteExact()}) and equals {@code expected}, byte for byte: the check for a
     * protocol that is not an echo.
     */
    public boolean hasReply(byte[] expected) {
        Objects.requireNonNull(expected, "expected");
        return outcome.isComplete() && Arrays.equals(expected, reply);
    }

    /**
     * First offset where the reply differs from {@code expected} (see
     * {@link EchoDiff#firstDifference}); empty if equal. Says nothing about completeness.
     */
    public OptionalInt firstDifferenceFrom(byte[] expected) {
        return EchoDiff.firstDifference(Objects.requireNonNull(expected, "expected"), reply);
    }

    /** The mismatch report: lengths, offset, both sides escaped and in hex (see {@link EchoDiff#mismatch}). */
    public String mismatchReport() {
        return EchoDiff.mismatch(payload, reply);
    }

    /** One line: target, outcome, sizes and time. */
    public String summary() {
        return "echo to " + target + ": " + outcome + " (" + outcome.description() + ") after " + elapsed.toMillis()
                + " ms; sent " + payload.length + " bytes, received " + reply.length + " bytes"
                + (probeOutput.isBlank() ? "" : "; probe said: " + probeOutput.strip());
    }

    @Override
    public String toString() {
        return summary();
    }
}
