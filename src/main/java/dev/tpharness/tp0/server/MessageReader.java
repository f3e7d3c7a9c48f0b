package dev.tpharness.tp0.server;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Reads one message: the bytes up to and including the first {@code '\n'}, or up to end of stream. */
final class MessageReader {

    /** Messages larger than this are refused: the contract asks for at least 64 KiB. */
    static final int MAX_MESSAGE_BYTES = 1 << 20;

    private MessageReader() {
    }

    /**
     * Never reads past what it needs to block on: a peer that sends a line and then waits for the
     * reply gets it without closing its side first. Short reads are handled by the loop.
     */
    static byte[] readMessage(InputStream in) throws IOException {
        InputStream buffered = in instanceof BufferedInputStream ? in : new BufferedInputStream(in, 8192);
        ByteArrayOutputStream message = new ByteArrayOutputStream(256);
        int b;
        while ((b = buffered.read()) >= 0) {
            message.write(b);
            if (b == '\n') {
                break;
            }
            if (message.size() > MAX_MESSAGE_BYTES) {
                throw new IOException("message longer than " + MAX_MESSAGE_BYTES + " bytes");
            }
        }
        return message.toByteArray();
    }
}
