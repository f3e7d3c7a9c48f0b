package dev.tpharness.compose.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.NodeEvent;
import org.snakeyaml.engine.v2.events.ScalarEvent;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads YAML into a Jackson tree with anchors, aliases and merge keys expanded, the tree docker
 * compose itself sees: an alias becomes an independent copy of its anchored node, and a merge key
 * ({@code <<: *base}, {@code <<: [*a, *b]}) is replaced by the keys it brings, the mapping's own
 * keys winning over merged ones and earlier merged mappings over later ones (YAML 1.1's merge
 * type, which compose implements). Scalars are typed by Jackson's own parser, exactly as
 * {@code readTree} types them.
 */
final class ExpandedYaml {

    /** How many nodes aliases may copy in all: far above any real compose file, far below an alias bomb. */
    static final int MAX_COPIED_NODES = 100_000;

    private static final String MERGE_KEY = "<<";

    private final YamlEventFactory.EventParser parser;
    private final String where;
    private final ObjectReader scalars;
    private final JsonNodeFactory nodes = JsonNodeFactory.instance;
    private final Map<String, Anchored> anchors = new HashMap<>();
    /** Anchors of the collections being read: an alias to one of them would make a node contain itself. */
    private final Deque<String> open = new ArrayDeque<>();
    private int created;
    private int copied;

    private record Anchored(JsonNode node, int size) {
    }

    private record Entry(String key, JsonNode value, int line) {
        boolean isMerge() {
            return key == null;
        }
    }

    private ExpandedYaml(YamlEventFactory.EventParser parser, String where, YAMLMapper mapper) {
        this.parser = parser;
        this.where = where;
        this.scalars = mapper.readerFor(JsonNode.class).without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /**
     * Whether the text has anything to expand: an anchor, an alias or a plain {@code <<} key. False
     * for text Jackson cannot read, so that its own error is reported as before.
     */
    static boolean needed(YAMLMapper mapper, String yaml) {
        try (JsonParser parser = mapper.createParser(yaml)) {
            YamlEventFactory.EventParser events = eventParser(parser);
            for (JsonToken t = parser.nextToken(); t != null; t = parser.nextToken()) {
                Event e = events.event();
                if (e instanceof AliasEvent || anchor(e) != null || t == JsonToken.PROPERTY_NAME && isMergeKey(e)) {
                    return true;
                }
            }
            return false;
        } catch (JacksonException e) {
            return false;
        }
    }

    /**
     * The expanded tree of the first document, or null when it is empty.
     *
     * @throws JacksonException     for YAML Jackson cannot read
     * @throws ComposeFileException naming {@code where} and the line, for an alias to no anchor or
     *     to a node that contains it, a merge key whose value is not a mapping or a list of mappings,
     *     or aliases that would copy more than {@link #MAX_COPIED_NODES} nodes
     */
    static JsonNode read(YAMLMapper mapper, String yaml, String where) {
        try (JsonParser parser = mapper.createParser(yaml)) {
            ExpandedYaml reader = new ExpandedYaml(eventParser(parser), where, mapper);
            JsonToken first = parser.nextToken();
            return first == null ? null : reader.value(first);
        }
    }

    private static YamlEventFactory.EventParser eventParser(JsonParser parser) {
        if (parser instanceof YamlEventFactory.EventParser events) {
            return events;
        }
        throw new IllegalStateException("the YAML mapper must be built on a YamlEventFactory, found " + parser.getClass());
    }

    private JsonNode value(JsonToken token) {
        Event event = parser.event();
        if (event instanceof AliasEvent alias) {
            return alias(alias.getAlias().getValue());
        }
        String anchor = anchor(event);
        int before = created;
        JsonNode node;
        if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
            if (anchor != null) {
                open.push(anchor);
            }
            node = token == JsonToken.START_OBJECT ? mapping() : sequence();
            if (anchor != null) {
                open.pop();
            }
        } else {
            node = scalar();
        }
        if (anchor != null) {
            anchors.put(anchor, new Anchored(node, created - before));
        }
        return node;
    }

    private JsonNode alias(String name) {
        if (open.contains(name)) {
            throw error(line(), "alias *" + name + " is inside the node anchored &" + name
                    + ", which would make that node contain itself; a compose file cannot be recursive");
        }
        Anchored anchored = anchors.get(name);
        if (anchored == null) {
            throw error(line(), "alias *" + name + " names no anchor &" + name + " defined before it");
        }
        copied += anchored.size();
        if (copied > MAX_COPIED_NODES) {
            throw error(line(), "aliases expand to more than " + MAX_COPIED_NODES
                    + " YAML nodes (an alias bomb?); a compose file that large is not expanded");
        }
        created += anchored.size();
        return anchored.node().deepCopy();
    }

    private JsonNode scalar() {
        created++;
        // Jackson's node deserializer on Jackson's token: the very typing readTree gives
        JsonNode node = scalars.readValue(parser);
        return node == null ? nodes.nullNode() : node;
    }

    private ArrayNode sequence() {
        created++;
        ArrayNode array = nodes.arrayNode();
        for (JsonToken t = next(); t != JsonToken.END_ARRAY; t = next()) {
            array.add(value(t));
        }
        return array;
    }

    private ObjectNode mapping() {
        created++;
        List<Entry> entries = new ArrayList<>();
        Set<String> ownKeys = new HashSet<>();
        for (JsonToken t = next(); t == JsonToken.PROPERTY_NAME; t = next()) {
            String key = parser.currentName();
            Event keyEvent = parser.event();
            String keyAnchor = anchor(keyEvent);
            if (keyAnchor != null) {
                anchors.put(keyAnchor, new Anchored(nodes.stringNode(key), 1));
            }
            boolean merge = isMergeKey(keyEvent);
            JsonToken valueToken = next();
            int line = line();
            JsonNode value = value(valueToken);
            entries.add(new Entry(merge ? null : key, value, line));
            if (!merge) {
                ownKeys.add(key);
            }
        }
        ObjectNode map = nodes.objectNode();
        for (Entry e : entries) {
            if (e.isMerge()) {
                for (ObjectNode merged : mergedMappings(e)) {
                    // a merged mapping is an alias's copy or an inline mapping that is not kept, so its values can move
                    merged.properties().forEach(field -> {
                        if (!ownKeys.contains(field.getKey()) && !map.has(field.getKey())) {
                            map.set(field.getKey(), field.getValue());
                        }
                    });
                }
            } else {
                map.set(e.key(), e.value()); // a repeated key: the last value wins, as with readTree
            }
        }
        return map;
    }

    private List<ObjectNode> mergedMappings(Entry merge) {
        JsonNode value = merge.value();
        if (value instanceof ObjectNode mapping) {
            return List.of(mapping);
        }
        if (value instanceof ArrayNode list) {
            List<ObjectNode> mappings = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                if (!(list.get(i) instanceof ObjectNode mapping)) {
                    throw mergeError(merge.line(), "a list whose item " + (i + 1) + " is " + describe(list.get(i)));
                }
                mappings.add(mapping);
            }
            return mappings;
        }
        throw mergeError(merge.line(), describe(value));
    }

    private JsonToken next() {
        JsonToken t = parser.nextToken();
        if (t == null) {
            throw error(line(), "the YAML ends inside a mapping or a list");
        }
        return t;
    }

    private int line() {
        return parser.currentTokenLocation().getLineNr();
    }

    private ComposeFileException mergeError(int line, String found) {
        return error(line, "the merge key '<<' takes a mapping or a list of mappings"
                + " ('<<: *name' or '<<: [*a, *b]'), found " + found);
    }

    private ComposeFileException error(int line, String message) {
        return new ComposeFileException(where + (line > 0 ? ":" + line : "") + ": " + message);
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case OBJECT -> "a mapping";
            case ARRAY -> "a list";
            case NULL, MISSING -> "nothing (null)";
            case STRING -> "the string '" + node.asString() + "'";
            default -> "the " + node.getNodeType().name().toLowerCase(Locale.ROOT) + " " + node;
        };
    }

    private static String anchor(Event event) {
        return event instanceof NodeEvent node && !(event instanceof AliasEvent)
                ? node.getAnchor().map(Anchor::getValue).orElse(null)
                : null;
    }

    /** A plain {@code <<} key: quoted, {@code "<<"} is an ordinary key, as in YAML 1.1 and compose. */
    private static boolean isMergeKey(Event keyEvent) {
        return keyEvent instanceof ScalarEvent s && s.isPlain() && MERGE_KEY.equals(s.getValue());
    }
}
