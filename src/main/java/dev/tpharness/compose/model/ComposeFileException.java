package dev.tpharness.compose.model;

/** A compose file that cannot be read or does not have the expected shape; the message names the file. */
public class ComposeFileException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ComposeFileException(String message) {
        super(message);
    }

    public ComposeFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
