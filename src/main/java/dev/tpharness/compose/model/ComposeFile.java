package dev.tpharness.compose.model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/**
 * A compose file as a mutable YAML tree: every key is kept, including the ones this class has no
 * accessor for, so a file read and written back loses nothing but comments and formatting.
 *
 * <pre>{@code
 * ComposeFile file = ComposeFile.read(Path.of("docker-compose-dev.yaml"));
 * file.serviceNames();               // [server, client1]
 * file.service("client1").get("image").asString();
 * file.write(Path.of("copy.yaml"));  // atomic: temp file + rename
 * }</pre>
 *
 * <p>Anchors, aliases and merge keys are resolved on reading, as docker compose resolves them:
 * the tree holds an independent copy of the anchored node wherever an alias was
 * ({@code *worker}), and a mapping with a merge key ({@code <<: *worker}, {@code <<: [*a, *b]})
 * holds the merged keys, its own keys winning over merged ones and earlier merged mappings over
 * later ones. So a rewrite of one service never changes another, and the file is written back
 * expanded: anchors are not preserved.
 *
 * <p>Instances are not thread-safe; {@link #copy()} gives an independent one.
 */
public final class ComposeFile {

    static final YAMLMapper MAPPER = YAMLMapper.builder(new YamlEventFactory())
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            // a string that looks like a number ("70", "0123", "1.0") must stay a string when read back
            .enable(YAMLWriteFeature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .enable(YAMLWriteFeature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    private final ObjectNode root;
    private final Path source;

    private ComposeFile(ObjectNode root, Path source) {
        this.root = root;
        this.source = source;
    }

    /** An empty compose file (no services yet). */
    public static ComposeFile empty() {
        return new ComposeFile(MAPPER.createObjectNode(), null);
    }

    /**
     * Reads a compose file.
     *
     * @throws ComposeFileException naming the file (and the line, where the YAML parser gives one)
     *     when it cannot be read, is not YAML, or its top level is not a mapping; and naming the
     *     line, for an alias to no anchor or to a node that contains it, a merge key whose value is
     *     not a mapping or a list of mappings, or aliases that expand beyond reason (an alias bomb)
     */
    public static ComposeFile read(Path file) {
        Objects.requireNonNull(file, "file");
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ComposeFileException(file + ": cannot read compose file: " + e, e);
        }
        return parse(text, file);
    }

    /**
     * Parses YAML text, resolving anchors, aliases and merge keys as {@link #read(Path)} does;
     * {@code source} (may be null) is used for messages and relative paths.
     */
    public static ComposeFile parse(String yaml, Path source) {
        String where = source == null ? "<compose yaml>" : source.toString();
        JsonNode node;
        try {
            node = ExpandedYaml.needed(MAPPER, yaml) ? ExpandedYaml.read(MAPPER, yaml, where) : MAPPER.readTree(yaml);
        } catch (JacksonException e) {
            var loc = e.getLocation();
            String line = loc == null || loc.getLineNr() < 0 ? "" : ":" + loc.getLineNr();
            throw new ComposeFileException(where + line + ": not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (node == null || node.isMissingNode() || node.isNull()) {
            return new ComposeFile(MAPPER.createObjectNode(), source);
        }
        if (!node.isObject()) {
            throw new ComposeFileException(where + ": the top level of a compose file must be a mapping"
                    + " (with keys such as 'services'), found " + node.getNodeType());
        }
        return new ComposeFile((ObjectNode) node, source);
    }

    /** The file this was read from, if any. */
    public Optional<Path> source() {
        return Optional.ofNullable(source);
    }

    /** The whole tree, for keys this class has no accessor for. Changes write through. */
    public ObjectNode root() {
        return root;
    }

    /** The top-level {@code name:} (the compose project name), if set. */
    public Optional<String> name() {
        JsonNode n = root.get("name");
        return n == null || n.isNull() ? Optional.empty() : Optional.of(n.asString());
    }

    public ComposeFile name(String projectName) {
        root.put("name", projectName);
        return this;
    }

    /** Service names in file order. */
    public List<String> serviceNames() {
        return keys(root.get("services"));
    }

    /**
     * The order in which {@code docker compose stop} stops the services: levels, dependants first.
     * A service is stopped once every service that depends on it has stopped (through
     * {@code depends_on}, {@code links}, {@code network_mode: service:X} or {@code volumes_from});
     * the services of one level stop together. A dependency on a service that is not in the file
     * is ignored; services caught in a dependency loop form the last level.
     */
    public List<List<String>> stopOrder() {
        List<String> services = serviceNames();
        Map<String, java.util.Set<String>> dependsOn = new java.util.LinkedHashMap<>();
        for (String name : services) {
            java.util.Set<String> deps = new java.util.LinkedHashSet<>();
            JsonNode svc = root.path("services").path(name);
            JsonNode d = svc.path("depends_on");
            if (d.isArray()) {
                d.forEach(n -> deps.add(n.asString()));
            } else if (d.isObject()) {
                deps.addAll(keys(d));
            }
            svc.path("links").forEach(n -> deps.add(n.asString().split(":", 2)[0]));
            String network = svc.path("network_mode").asString("");
            if (network.startsWith("service:")) {
                deps.add(network.substring("service:".length()));
            }
            svc.path("volumes_from").forEach(n -> {
                String from = n.asString();
                if (!from.startsWith("container:")) {
                    deps.add((from.startsWith("service:") ? from.substring("service:".length()) : from).split(":", 2)[0]);
                }
            });
            deps.retainAll(services);
            deps.remove(name);
            dependsOn.put(name, deps);
        }
        List<List<String>> levels = new ArrayList<>();
        List<String> left = new ArrayList<>(services);
        while (!left.isEmpty()) {
            // those no remaining service depends on
            List<String> level = left.stream().filter(s -> left.stream().noneMatch(o -> dependsOn.get(o).contains(s))).toList();
            if (level.isEmpty()) {
                levels.add(List.copyOf(left));
                break;
            }
            levels.add(level);
            left.removeAll(level);
        }
        return levels;
    }

    /** Top-level network names in file order. */
    public List<String> networkNames() {
        return keys(root.get("networks"));
    }

    /** Top-level named volumes in file order. */
    public List<String> volumeNames() {
        return keys(root.get("volumes"));
    }

    /**
     * The service's mapping; changes write through.
     *
     * @throws ComposeFileException if there is no such service
     */
    public ObjectNode service(String name) {
        JsonNode s = section("services").get(name);
        if (s == null || !s.isObject()) {
            throw new ComposeFileException(where() + ": no service '" + name + "' (services: " + serviceNames() + ")");
        }
        return (ObjectNode) s;
    }

    /** Adds (or replaces) a service with an empty mapping and returns it, keeping insertion order. */
    public ObjectNode addService(String name) {
        return section("services").putObject(name);
    }

    /** Adds (or replaces) a top-level network and returns its mapping. */
    public ObjectNode addNetwork(String name) {
        return section("networks").putObject(name);
    }

    /** The top-level mapping {@code services}, {@code networks}, {@code volumes}..., created if absent. */
    public ObjectNode section(String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return root.putObject(key);
        }
        if (!n.isObject()) {
            throw new ComposeFileException(where() + ": top-level '" + key + "' must be a mapping, found " + n.getNodeType());
        }
        return (ObjectNode) n;
    }

    /** An independent deep copy (same source). */
    public ComposeFile copy() {
        return new ComposeFile(root.deepCopy(), source);
    }

    /**
     * A copy that can run side by side with other copies of the same file on one Docker engine:
     * every container and network gets a neutral Docker name ({@code <prefix>-s1},
     * {@code <prefix>-n1}, ..., where the prefix is the {@code dev.tpharness.project} label) that
     * never contains the file's own names, so scripts that find "their" containers or networks by
     * a substring ({@code grep testing_net}) never see an isolated copy; services keep their names
     * (and so their DNS names on the stack's networks). Fixed
     * subnets ({@code ipam.config}) and fixed service addresses are dropped, published ports get
     * ephemeral host ports, {@code name:} of volumes is dropped, and everything
     * {@link #labelled(Map)} does is done too. External networks and volumes are left alone.
     *
     * <pre>{@code
     * ComposeFile copy = ComposeFile.read(Path.of("docker-compose-dev.yaml"))
     *         .isolated(Map.of("dev.tpharness", "true"));
     * }</pre>
     */
    public ComposeFile isolated(Map<String, String> labels) {
        return rewritten(labels, true);
    }

    /**
     * A copy with names kept as written (for scripts that hard-code them), made runnable from any
     * folder and recognisable for cleanup: relative build contexts, bind-mount sources,
     * {@code env_file}s, {@code extends.file} and config/secret files are resolved against the
     * folder of {@link #source()}; {@code labels} are added to every service, its build, every
     * network (the implicit {@code default} one included when a service uses it) and every named
     * volume. List and map forms of {@code labels:} are both kept in their form.
     */
    public ComposeFile labelled(Map<String, String> labels) {
        return rewritten(labels, false);
    }

    /**
     * {@link #isolated(Map)} plus default {@link ResourceLimits} for every service that sets none:
     * {@code mem_limit} and {@code memswap_limit}, {@code pids_limit}, and a json-file
     * {@code logging} with {@code max-size}/{@code max-file}.
     */
    public ComposeFile isolated(Map<String, String> labels, ResourceLimits limits) {
        return rewritten(labels, true, limits);
    }

    /** {@link #labelled(Map)} plus default {@link ResourceLimits}, as in {@link #isolated(Map, ResourceLimits)}. */
    public ComposeFile labelled(Map<String, String> labels, ResourceLimits limits) {
        return rewritten(labels, false, limits);
    }

    /**
     * What a service of this file may do to the host beyond its own container, one line per
     * setting naming the service (or volume) and the setting: privileged, host network/PID/IPC/UTS/
     * user namespaces, dangerous {@code cap_add}, devices, unconfined security options, bind mounts
     * of {@code /}, system folders or the Docker socket. Empty for a file that keeps to itself.
     * Strict mode ({@code -Dtp.strict=true}) refuses a file with any.
     */
    public List<String> hostAccess() {
        return HostAccess.findings(root, where());
    }

    private ComposeFile rewritten(Map<String, String> labels, boolean isolate) {
        return rewritten(labels, isolate, ResourceLimits.NONE);
    }

    private ComposeFile rewritten(Map<String, String> labels, boolean isolate, ResourceLimits limits) {
        Objects.requireNonNull(labels, "labels");
        Objects.requireNonNull(limits, "limits");
        Path baseDir = source == null ? null : source.toAbsolutePath().normalize().getParent();
        return new ComposeFile(StackRewrite.apply(root, baseDir, labels, isolate, limits), source);
    }

    /** The same tree (copied) with another source, e.g. for a generated file meant to live in {@code dir}. */
    public ComposeFile withSource(Path newSource) {
        return new ComposeFile(root.deepCopy(), newSource);
    }

    /** The YAML text: deterministic for a given tree (key order is insertion order), with no anchors or aliases. */
    public String toYaml() {
        return MAPPER.writeValueAsString(root);
    }

    /**
     * Writes the YAML atomically: to a temporary file in the same folder, then renamed over
     * {@code target}, so a failure never leaves a half-written or clobbered file.
     */
    public void write(Path target) {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(dir, "." + abs.getFileName() + ".", ".tmp");
            Files.writeString(tmp, toYaml(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, abs, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(target + ": cannot write compose file: " + e.getMessage(), e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the rename already happened or the write failed first
                }
            }
        }
    }

    private String where() {
        return source == null ? "<compose yaml>" : source.toString();
    }

    private static List<String> keys(JsonNode n) {
        List<String> names = new ArrayList<>();
        if (n != null && n.isObject()) {
            n.propertyNames().forEach(names::add);
        }
        return names;
    }
}
