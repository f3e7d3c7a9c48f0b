package dev.tpharness.tp0.common;

import java.io.OutputStream;
import java.util.Locale;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import org.slf4j.LoggerFactory;

/**
 * Logging of the TP0 applications, set up in code (no logback.xml on the library's classpath):
 * {@code YYYY-MM-DD HH:MM:SS LEVEL(padded to 8) message}, one line per event, flushed at once.
 */
public final class Tp0Logging {

    /** Logger for the start-up {@code config} line: always at INFO, whatever the configured level. */
    public static final String CONFIG_LOGGER = "dev.tpharness.tp0.config";

    static final String PATTERN = "%d{yyyy-MM-dd HH:mm:ss} %-8level %msg%n";

    private Tp0Logging() {
    }

    /** Parses a level name as the course writes it (DEBUG, INFO, WARNING/WARN, ERROR, ...), case-insensitively. */
    public static Level parseLevel(String name) throws ConfigException {
        String n = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        switch (n) {
            case "TRACE": return Level.TRACE;
            case "DEBUG": return Level.DEBUG;
            case "INFO": return Level.INFO;
            case "WARN": case "WARNING": return Level.WARN;
            case "ERROR": case "CRITICAL": return Level.ERROR;
            default:
                throw new ConfigException("invalid log level '" + name + "': use DEBUG, INFO, WARNING or ERROR");
        }
    }

    /** Sends every log line to {@code out} at {@code level} and above, replacing any earlier setup. */
    public static void configure(Level level, OutputStream out) {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        context.reset();
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern(PATTERN);
        encoder.setCharset(java.nio.charset.StandardCharsets.UTF_8);
        encoder.start();
        OutputStreamAppender<ILoggingEvent> appender = new OutputStreamAppender<>();
        appender.setContext(context);
        appender.setName("tp0");
        appender.setEncoder(encoder);
        appender.setImmediateFlush(true);
        appender.setOutputStream(out);
        appender.start();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(level);
        root.addAppender(appender);
        context.getLogger(CONFIG_LOGGER).setLevel(Level.INFO);
    }
}
