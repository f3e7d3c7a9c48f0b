package dev.tpharness.probe;

import java.time.Duration;
import java.util.Objects;

/**
 * Immutable settings of a {@link NetcatProbe}. Start from {@link #defaults()} and change what you
 * need:
 *
 * <pre>{@code
 * ProbeOptions options = ProbeOptions.defaults()
 *         .withReplyTimeout(Duration.ofSeconds(2))
 *         .withImage("registry.example.org/mirror/alpine:3.20");
 * }</pre>
 *
 * <p>Defaults: image {@value #DEFAULT_IMAGE}, connect timeout 5 s, reply timeout 5 s, docker
 * timeout 60 s. Connect and reply timeouts are handed to BusyBox {@code nc -w} and
 * {@code timeout}, which count whole seconds: they are rounded up to the next second.
 *
 * @param image          image that provides BusyBox-compatible {@code nc}, {@code timeout} and
 *                       {@code sleep} (any Alpine or BusyBox image)
 * @param connectTimeout how long the TCP connect may take
 * @param replyTimeout   how long, after connecting, the server may take to reply and close
 * @param dockerTimeout  bound on each docker command that is not an exchange (create, remove), and
 *                       the extra time an exchange may take on top of its two timeouts
 */
public record ProbeOptions(String image, Duration connectTimeout, Duration replyTimeout, Duration dockerTimeout) {

    /** The default probe image: a pinned Alpine tag. */
    public static final String DEFAULT_IMAGE = "alpine:3.20";

    public ProbeOptions {
        Objects.requireNonNull(image, "image");
        if (image.isBlank()) {
            throw new IllegalArgumentException("probe image must not be blank (default: " + DEFAULT_IMAGE + ")");
        }
        requirePositive("connectTimeout", connectTimeout);
        requirePositive("replyTimeout", replyTimeout);
        requirePositive("dockerTimeout", dockerTimeout);
    }

    /** {@value #DEFAULT_IMAGE}, connect 5 s, reply 5 s, docker 60 s. */
    public static ProbeOptions defaults() {
        return new ProbeOptions(DEFAULT_IMAGE, Duration.ofSeconds(5), Duration.ofSeconds(5), Duration.ofSeconds(60));
    }

    public ProbeOptions withImage(String image) {
        return new ProbeOptions(image, connectTimeout, replyTimeout, dockerTimeout);
    }

    public ProbeOptions withConnectTimeout(Duration connectTimeout) {
        return new ProbeOptions(image, connectTimeout, replyTimeout, dockerTimeout);
    }

    public ProbeOptions withReplyTimeout(Duration replyTimeout) {
        return new ProbeOptions(image, connectTimeout, replyTimeout, dockerTimeout);
    }

    public ProbeOptions withDockerTimeout(Duration dockerTimeout) {
        return new ProbeOptions(image, connectTimeout, replyTimeout, dockerTimeout);
    }

    /** Whole seconds for {@code nc -w}, rounded up. */
    long connectSeconds() {
        return ceilSeconds(connectTimeout);
    }

    /** Whole seconds the whole exchange may take inside the probe container (connect + reply). */
    long exchangeSeconds() {
        return ceilSeconds(connectTimeout) + ceilSeconds(replyTimeout);
    }

    private static long ceilSeconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    private static void requirePositive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
