package dev.tpharness.compose.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The settings behind {@link ComposeFile#hostAccess()}: what reaches past the container onto the host. */
final class HostAccess {

    /** Capabilities that give a container power over the host or other containers. */
    static final Set<String> DANGEROUS_CAPS = Set.of("ALL", "SYS_ADMIN", "SYS_MODULE", "SYS_RAWIO", "SYS_PTRACE", "SYS_BOOT",
            "SYS_TIME", "NET_ADMIN", "DAC_READ_SEARCH", "MAC_ADMIN", "MAC_OVERRIDE", "BPF", "PERFMON", "SYSLOG", "MKNOD");

    /** Host folders whose bind mount gives away the host (the Docker socket lives under /run and /var/run). */
    static final Set<String> SENSITIVE_PATHS = Set.of("/", "/etc", "/root", "/proc", "/sys", "/dev", "/boot", "/var", "/run",
            "/var/run", "/var/lib/docker", "/var/run/docker.sock", "/run/docker.sock", "/home");

    private static final List<String> HOST_NAMESPACES = List.of("network_mode", "pid", "ipc", "uts", "userns_mode", "cgroup");

    private HostAccess() {
    }

    static List<String> findings(JsonNode root, String where) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : root.path("services").properties()) {
            String service = entry.getKey();
            JsonNode s = entry.getValue();
            String prefix = where + ": service '" + service + "': ";
            if (s.path("privileged").asBoolean(false) || "true".equalsIgnoreCase(s.path("privileged").asString(""))) {
                found.add(prefix + "privileged: true (every device and capability of the host)");
            }
            for (String key : HOST_NAMESPACES) {
                String value = s.path(key).asString("");
                if (value.equalsIgnoreCase("host")) {
                    found.add(prefix + key + ": host (shares the host's " + key.replace("_mode", "") + " namespace)");
                }
                if (key.equals("network_mode") && value.startsWith("container:")) {
                    found.add(prefix + "network_mode: " + value + " (joins another container's network, maybe not one of this stack)");
                }
            }
            for (JsonNode cap : s.path("cap_add")) {
                String name = cap.asString("").toUpperCase(Locale.ROOT).replaceFirst("^CAP_", "");
                if (DANGEROUS_CAPS.contains(name)) {
                    found.add(prefix + "cap_add: " + cap.asString() + " (a capability over the host)");
                }
            }
            if (s.path("devices").size() > 0) {
                found.add(prefix + "devices: " + s.path("devices") + " (host devices inside the container)");
            }
            for (JsonNode opt : s.path("security_opt")) {
                String o = opt.asString("").toLowerCase(Locale.ROOT);
                if (o.contains("unconfined") || o.equals("label:disable") || o.equals("label=disable")) {
                    found.add(prefix + "security_opt: " + opt.asString() + " (turns off a confinement)");
                }
            }
            for (JsonNode volume : s.path("volumes")) {
                String source = bindSource(volume);
                if (source != null && isSensitive(source)) {
                    found.add(prefix + "volumes: bind mount of " + source + " (host files, or the Docker socket = root on the host)");
                }
            }
        }
        for (Map.Entry<String, JsonNode> entry : root.path("volumes").properties()) {
            String device = entry.getValue().path("driver_opts").path("device").asString("");
            if (!device.isEmpty() && isSensitive(device)) {
                found.add(where + ": volume '" + entry.getKey() + "': driver_opts.device: " + device + " (a bind of host files)");
            }
        }
        return found;
    }

    /** The host path of a bind mount (short or long syntax), or null for named volumes and tmpfs. */
    static String bindSource(JsonNode volume) {
        if (volume.isString()) {
            String spec = volume.asString();
            int colon = spec.indexOf(':');
            String source = colon < 0 ? null : spec.substring(0, colon);
            return source != null && (source.startsWith("/") || source.startsWith(".") || source.startsWith("~")) ? source : null;
        }
        if (volume.isObject() && "bind".equals(volume.path("type").asString(""))) {
            return volume.path("source").asString(null);
        }
        return null;
    }

    static boolean isSensitive(String path) {
        String p = path.replaceAll("/+", "/");
        if (p.length() > 1 && p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        if (p.equals("/.") || p.isEmpty()) {
            p = "/";
        }
        return SENSITIVE_PATHS.contains(p) || p.endsWith("/docker.sock");
    }
}
