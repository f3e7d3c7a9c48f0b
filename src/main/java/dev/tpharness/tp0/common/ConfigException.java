package dev.tpharness.tp0.common;

/** Invalid or missing configuration; the message is the one line the application prints before exiting 1. */
public class ConfigException extends Exception {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }
}
