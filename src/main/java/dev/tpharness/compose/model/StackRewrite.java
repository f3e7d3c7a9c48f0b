package dev.tpharness.compose.model;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * The rewrites behind {@link ComposeFile#isolated(Map)} and {@link ComposeFile#labelled(Map)}.
 * Works on a deep copy; the caller's tree is never changed.
 */
final class StackRewrite {

    private final ObjectNode root;
    private final Path baseDir;
    private final Map<String, String> labels;
    private final boolean isolate;
    private final ResourceLimits limits;
    /** Prefix of the Docker names an isolated copy gets ({@code <prefix>-s1}, {@code <prefix>-n1}). */
    private final String namePrefix;
    private int services;
    private int networks;

    private StackRewrite(ObjectNode root, Path baseDir, Map<String, String> labels, boolean isolate, ResourceLimits limits,
            String namePrefix) {
        this.root = root;
        this.baseDir = baseDir;
        this.labels = labels;
        this.isolate = isolate;
        this.limits = limits;
        this.namePrefix = namePrefix;
    }

    static ObjectNode apply(ObjectNode original, Path baseDir, Map<String, String> labels, boolean isolate) {
        return apply(original, baseDir, labels, isolate, ResourceLimits.NONE);
    }

    static ObjectNode apply(ObjectNode original, Path baseDir, Map<String, String> labels, boolean isolate, ResourceLimits limits) {
        return apply(original, baseDir, labels, isolate, limits, null);
    }

    /**
     * @param namePrefix prefix of the neutral Docker names of an isolated copy; {@code null} takes
     *     the {@code dev.tpharness.project} label, else {@code tph-<random>}
     */
    static ObjectNode apply(ObjectNode original, Path baseDir, Map<String, String> labels, boolean isolate, ResourceLimits limits,
            String namePrefix) {
        ObjectNode copy = original.deepCopy();
        String prefix = namePrefix != null ? namePrefix : labels.getOrDefault("dev.tpharness.project",
                "tph-" + String.format("%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt()));
        new StackRewrite(copy, baseDir, new java.util.LinkedHashMap<>(labels), isolate, limits, prefix).run();
        return copy;
    }

    private void run() {
        boolean usesDefaultNetwork = false;
        for (ObjectNode service : objects(root.get("services"))) {
            rewriteService(service);
            usesDefaultNetwork |= !service.has("networks") && !service.has("network_mode");
        }
        ObjectNode networks = objectOrNull(root.get("networks"));
        if (usesDefaultNetwork && (networks == null || !networks.has("default"))) {
            if (networks == null) {
                networks = root.putObject("networks");
            }
            networks.putObject("default");
        }
        rewriteTopLevel("networks", true);
        rewriteTopLevel("volumes", false);
        for (String section : List.of("configs", "secrets")) {
            for (ObjectNode entry : objects(root.get(section))) {
                resolveField(entry, "file");
            }
        }
    }

    private void rewriteService(ObjectNode service) {
        if (isolate) {
            services++;
            // A neutral name, never the service's own: course scripts that look for containers or networks
            // by a substring of their names (grep server, grep testing_net) must not find an isolated copy.
            // A replicated service cannot have a container_name; its replicas keep compose's derived names.
            if (replicas(service) <= 1) {
                service.put("container_name", namePrefix + "-s" + services);
            } else {
                service.remove("container_name");
            }
            rewritePorts(service);
            for (ObjectNode attachment : objects(service.get("networks"))) {
                attachment.remove("ipv4_address");
                attachment.remove("ipv6_address");
            }
        }
        rewriteBuild(service);
        rewriteEnvFiles(service);
        rewriteVolumes(service);
        ObjectNode ext = objectOrNull(service.get("extends"));
        if (ext != null) {
            resolveField(ext, "file");
        }
        addLabels(service);
        addLimits(service);
    }

    /** Only where the service sets none of its own: its settings always win. */
    private void addLimits(ObjectNode service) {
        JsonNode deployLimits = service.path("deploy").path("resources").path("limits");
        if (limits.memory() != null && !service.has("mem_limit") && !deployLimits.has("memory")) {
            service.put("mem_limit", limits.memory());
            if (!service.has("memswap_limit")) {
                service.put("memswap_limit", limits.memory()); // no swap on top: a memory hog is OOM-killed, not swapped
            }
        }
        if (limits.pids() > 0 && !service.has("pids_limit") && !deployLimits.has("pids")) {
            service.put("pids_limit", limits.pids());
        }
        if (limits.logMaxSize() != null && !service.has("logging")) {
            ObjectNode logging = service.putObject("logging");
            logging.put("driver", "json-file");
            ObjectNode options = logging.putObject("options");
            options.put("max-size", limits.logMaxSize());
            options.put("max-file", Integer.toString(limits.logMaxFiles()));
        }
    }

    private static int replicas(ObjectNode service) {
        int scale = service.path("scale").asInt(1);
        int replicas = service.path("deploy").path("replicas").asInt(1);
        return Math.max(scale, replicas);
    }

    private void rewriteBuild(ObjectNode service) {
        JsonNode build = service.get("build");
        if (build == null || build.isNull()) {
            return;
        }
        ObjectNode object;
        if (build.isString()) {
            object = service.objectNode();
            object.put("context", build.asString());
            service.set("build", object);
        } else if (build.isObject()) {
            object = (ObjectNode) build;
        } else {
            return;
        }
        if (!object.has("context")) {
            object.put("context", ".");
        }
        String context = object.get("context").asString();
        if (!isRemoteContext(context)) {
            object.put("context", resolve(context));
        }
        addLabels(object);
    }

    private void rewriteEnvFiles(ObjectNode service) {
        JsonNode envFile = service.get("env_file");
        if (envFile == null) {
            return;
        }
        if (envFile.isString()) {
            service.put("env_file", resolve(envFile.asString()));
        } else if (envFile.isArray()) {
            ArrayNode array = (ArrayNode) envFile;
            for (int i = 0; i < array.size(); i++) {
                JsonNode item = array.get(i);
                if (item.isString()) {
                    array.set(i, StringNode.valueOf(resolve(item.asString())));
                } else if (item.isObject()) {
                    resolveField((ObjectNode) item, "path");
                }
            }
        }
    }

    private void rewriteVolumes(ObjectNode service) {
        JsonNode volumes = service.get("volumes");
        if (volumes == null || !volumes.isArray()) {
            return;
        }
        ArrayNode array = (ArrayNode) volumes;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isString()) {
                array.set(i, StringNode.valueOf(rewriteShortVolume(item.asString())));
            } else if (item.isObject()) {
                ObjectNode mount = (ObjectNode) item;
                JsonNode type = mount.get("type");
                JsonNode source = mount.get("source");
                if (type != null && "bind".equals(type.asString()) && source != null && source.isString()) {
                    mount.put("source", resolve(source.asString()));
                }
            }
        }
    }

    /** {@code ./a:/b:ro} -> {@code /abs/a:/b:ro}; named volumes ({@code data:/b}) and absolute paths stay. */
    private String rewriteShortVolume(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            return spec;
        }
        String source = spec.substring(0, colon);
        if (!isRelativePath(source) && !source.startsWith("~")) {
            return spec;
        }
        return resolve(source) + spec.substring(colon);
    }

    /** Publishes every port on an ephemeral host port, so two copies never compete for one. */
    private void rewritePorts(ObjectNode service) {
        JsonNode ports = service.get("ports");
        if (ports == null || !ports.isArray()) {
            return;
        }
        ArrayNode array = (ArrayNode) ports;
        for (int i = 0; i < array.size(); i++) {
            JsonNode item = array.get(i);
            if (item.isObject()) {
                ((ObjectNode) item).remove("published");
            } else if (item.isString() || item.isNumber()) {
                array.set(i, StringNode.valueOf(ephemeral(item.asString())));
            }
        }
    }

    static String ephemeral(String port) {
        if (port.contains("[")) {
            return port; // IPv6 host address: left as written
        }
        String[] parts = port.split(":", -1);
        return switch (parts.length) {
            case 2 -> parts[1];
            case 3 -> parts[0] + "::" + parts[2];
            default -> port;
        };
    }

    private void rewriteTopLevel(String section, boolean network) {
        ObjectNode entries = objectOrNull(root.get(section));
        if (entries == null) {
            return;
        }
        for (String name : List.copyOf(entries.propertyNames())) {
            JsonNode value = entries.get(name);
            ObjectNode entry;
            if (value == null || value.isNull()) {
                entry = entries.putObject(name);
            } else if (value.isObject()) {
                entry = (ObjectNode) value;
            } else {
                continue;
            }
            if (isExternal(entry)) {
                continue; // not created by compose, so not ours to label or rename
            }
            if (isolate) {
                entry.remove("name");
                if (network) {
                    dropFixedSubnets(entry);
                    // neutral Docker name (not <project>_<key>): see rewriteService
                    entry.put("name", namePrefix + "-n" + (++networks));
                }
            }
            addLabels(entry);
        }
    }

    private static void dropFixedSubnets(ObjectNode network) {
        ObjectNode ipam = objectOrNull(network.get("ipam"));
        if (ipam == null) {
            return;
        }
        ipam.remove("config");
        if (ipam.isEmpty()) {
            network.remove("ipam");
        }
    }

    private static boolean isExternal(ObjectNode entry) {
        JsonNode external = entry.get("external");
        return external != null && (external.isObject() || external.asBoolean(false)
                || "true".equalsIgnoreCase(external.asString("")));
    }

    private void addLabels(ObjectNode owner) {
        JsonNode existing = owner.get("labels");
        if (existing != null && existing.isArray()) {
            ArrayNode list = (ArrayNode) existing;
            for (Iterator<JsonNode> it = list.iterator(); it.hasNext(); ) {
                String item = it.next().asString("");
                String key = item.contains("=") ? item.substring(0, item.indexOf('=')) : item;
                if (labels.containsKey(key)) {
                    it.remove();
                }
            }
            labels.forEach((k, v) -> list.add(k + "=" + v));
            return;
        }
        ObjectNode map = existing != null && existing.isObject() ? (ObjectNode) existing : owner.putObject("labels");
        labels.forEach(map::put);
    }

    private void resolveField(ObjectNode owner, String field) {
        JsonNode value = owner.get(field);
        if (value != null && value.isString()) {
            owner.put(field, resolve(value.asString()));
        }
    }

    private String resolve(String path) {
        if (path.startsWith("~/") || path.equals("~")) {
            return Path.of(System.getProperty("user.home")).resolve(path.substring(1).replaceFirst("^/", ""))
                    .normalize().toString();
        }
        if (baseDir == null || path.startsWith("$") || Path.of(path).isAbsolute()) {
            return path;
        }
        return baseDir.resolve(path).normalize().toString();
    }

    private static boolean isRelativePath(String source) {
        return source.equals(".") || source.equals("..") || source.startsWith("./") || source.startsWith("../");
    }

    private static boolean isRemoteContext(String context) {
        return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
    }

    private static ObjectNode objectOrNull(JsonNode node) {
        return node != null && node.isObject() ? (ObjectNode) node : null;
    }

    private static List<ObjectNode> objects(JsonNode section) {
        ObjectNode object = objectOrNull(section);
        if (object == null) {
            return List.of();
        }
        return object.propertyStream()
                .map(Map.Entry::getValue)
                .filter(JsonNode::isObject)
                .map(ObjectNode.class::cast)
                .toList();
    }
}
