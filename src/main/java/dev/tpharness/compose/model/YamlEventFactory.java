package dev.tpharness.compose.model;

import java.io.CharArrayReader;
import java.io.InputStream;
import java.io.Reader;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.events.Event;

import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.io.IOContext;
import tools.jackson.core.util.BufferRecycler;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.UTF8Reader;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * Jackson's YAML factory, whose parsers also tell the YAML event behind the current token: Jackson
 * reports an alias as a plain string and drops the anchor of a scalar, and {@link ExpandedYaml}
 * needs both (and a scalar's quoting style, to tell a merge key from a quoted {@code "<<"}). The
 * parsers are Jackson's own otherwise, so scalars are typed exactly as Jackson types them.
 */
final class YamlEventFactory extends YAMLFactory {
    private static final long serialVersionUID = 1L;

    /** A Jackson YAML parser that gives the event of its current token. */
    static final class EventParser extends YAMLParser {
        EventParser(ObjectReadContext readCtxt, IOContext ioCtxt, BufferRecycler br, int streamReadFeatures,
                int formatFeatures, LoadSettings loadSettings, Reader reader, boolean ownsReader) {
            super(readCtxt, ioCtxt, br, streamReadFeatures, formatFeatures, loadSettings, reader, ownsReader);
        }

        /** The YAML event the current token was made from (the key's scalar for a property name). */
        Event event() {
            return _lastEvent;
        }
    }

    YamlEventFactory() {
    }

    private YamlEventFactory(YamlEventFactory src) {
        super(src);
    }

    @Override
    public YamlEventFactory copy() {
        return new YamlEventFactory(this);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, InputStream in) {
        int features = readCtxt.getStreamReadFeatures(_streamReadFeatures);
        Reader r = _createReader(in, null, ioCtxt, features);
        return parser(readCtxt, ioCtxt, r, r instanceof UTF8Reader); // as YAMLFactory does
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, Reader r) {
        return parser(readCtxt, ioCtxt, r, false);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, char[] data, int offset, int len,
            boolean recyclable) {
        return parser(readCtxt, ioCtxt, new CharArrayReader(data, offset, len), true);
    }

    @Override
    protected YAMLParser _createParser(ObjectReadContext readCtxt, IOContext ioCtxt, byte[] data, int offset, int len) {
        return parser(readCtxt, ioCtxt, _createReader(data, offset, len, null, ioCtxt), true);
    }

    private EventParser parser(ObjectReadContext readCtxt, IOContext ioCtxt, Reader r, boolean ownsReader) {
        return new EventParser(readCtxt, ioCtxt, _getBufferRecycler(), readCtxt.getStreamReadFeatures(_streamReadFeatures),
                readCtxt.getFormatReadFeatures(_formatReadFeatures), _loadSettings, r, ownsReader);
    }
}
