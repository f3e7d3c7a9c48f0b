package dev.tpharness.tp0.grading.support;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.tpharness.compose.model.ComposeFile;
import tools.jackson.databind.JsonNode;

/**
 * What the contract says a TP0 compose file contains, checked on the file's meaning rather than
 * its bytes: list or map forms of {@code environment}, {@code depends_on} and {@code networks}
 * are all accepted, as compose accepts them.
 */
public final class Tp0ComposeChecks {

    /** Variables that would override the mounted config files (exercise 2); {@code CLI_ID} is allowed. */
    public static final Set<String> CONFIG_OVERRIDES = Set.of("SERVER_PORT", "SERVER_IP", "SERVER_LISTEN_BACKLOG",
            "LOGGING_LEVEL", "CLI_SERVER_ADDRESS", "CLI_LOOP_AMOUNT", "CLI_LOOP_PERIOD", "CLI_LOG_LEVEL");

    private Tp0ComposeChecks() {
    }

    /** The services a file for {@code clients} clients must have: {@code server, client1..clientN}. */
    static List<String> expectedServices(int clients) {
        List<String> expected = new ArrayList<>(List.of("server"));
        for (int i = 1; i <= clients; i++) {
            expected.add("client" + i);
        }
        return expected;
    }

    /**
     * What the course requires of the generated file (REQUIRED): services {@code client1..clientN}
     * plus {@code server}, with those container names. Empty when it holds.
     */
    public static List<String> requiredViolations(ComposeFile file, int clients) {
        List<String> v = new ArrayList<>();
        List<String> expected = expectedServices(clients);
        if (!Set.copyOf(file.serviceNames()).equals(Set.copyOf(expected)) || file.serviceNames().size() != expected.size()) {
            v.add("services are " + file.serviceNames() + ", expected " + expected);
        }
        for (String name : expected) {
            if (file.serviceNames().contains(name)) {
                expect(v, name, "container_name", file.service(name).path("container_name").asString(""), name);
            }
        }
        return v;
    }

    /**
     * The rest of the base file's structure (ADVISORY): project {@code name: tp0}, images
     * {@code server:latest}/{@code client:latest}, {@code CLI_ID=<i>}, {@code depends_on: server},
     * every service on {@code testing_net} with subnet {@code 172.25.125.0/24}. Empty when it holds.
     */
    public static List<String> advisoryViolations(ComposeFile file, int clients) {
        List<String> v = new ArrayList<>();
        if (!file.name().map("tp0"::equals).orElse(false)) {
            v.add("top-level name is " + file.name().orElse("(missing)") + ", expected tp0");
        }
        for (String name : expectedServices(clients)) {
            if (!file.serviceNames().contains(name)) {
                continue;
            }
            JsonNode s = file.service(name);
            boolean server = name.equals("server");
            expect(v, name, "image", s.path("image").asString(""), server ? "server:latest" : "client:latest");
            if (!contains(s.get("networks"), "testing_net")) {
                v.add(name + ": not on network testing_net (networks: " + s.get("networks") + ")");
            }
            if (!server) {
                String id = name.substring("client".length());
                if (!environment(s).contains("CLI_ID=" + id)) {
                    v.add(name + ": environment lacks CLI_ID=" + id + " (environment: " + s.get("environment") + ")");
                }
                if (!contains(s.get("depends_on"), "server")) {
                    v.add(name + ": does not depend on server (depends_on: " + s.get("depends_on") + ")");
                }
            }
        }
        JsonNode net = file.root().path("networks").path("testing_net");
        boolean subnet = false;
        for (JsonNode c : net.path("ipam").path("config")) {
            subnet |= "172.25.125.0/24".equals(c.path("subnet").asString(""));
        }
        if (!subnet) {
            v.add("network testing_net lacks subnet 172.25.125.0/24 (testing_net: " + (net.isMissingNode() ? "missing" : net) + ")");
        }
        return v;
    }

    /** Every way the file differs from the contract's structure (required and advisory parts); empty when it conforms. */
    public static List<String> structureViolations(ComposeFile file, int clients) {
        List<String> v = new ArrayList<>(requiredViolations(file, clients));
        v.addAll(advisoryViolations(file, clients));
        return v;
    }

    /** The {@code ports:} entries of a service that publish a port on the host (every entry does, {@code expose:} does not). */
    public static List<String> publishedPorts(ComposeFile file, String service) {
        List<String> found = new ArrayList<>();
        if (file.serviceNames().contains(service)) {
            file.service(service).path("ports").forEach(p -> found.add(p.isObject() ? p.toString() : p.asString()));
        }
        return found;
    }

    /** Environment variables (of any service) that override a config file. */
    public static List<String> configOverrides(ComposeFile file) {
        List<String> found = new ArrayList<>();
        for (String name : file.serviceNames()) {
            for (String kv : environment(file.service(name))) {
                String key = kv.contains("=") ? kv.substring(0, kv.indexOf('=')) : kv;
                if (CONFIG_OVERRIDES.contains(key)) {
                    found.add(name + ": " + kv);
                }
            }
            if (file.service(name).has("env_file")) {
                found.add(name + ": env_file " + file.service(name).get("env_file"));
            }
        }
        return found;
    }

    /**
     * Whether the service bind-mounts the given file of the repository from the host: the file
     * itself or a folder holding it, short or long volume syntax, a relative path or an absolute one
     * into {@code repoRoot} (generators that write {@code $(pwd)/server/config.ini}).
     */
    public static boolean mounts(ComposeFile file, String service, String repoRelativePath, java.nio.file.Path repoRoot) {
        if (!file.serviceNames().contains(service)) {
            return false;
        }
        java.nio.file.Path wanted = repoRoot.toAbsolutePath().normalize().resolve(repoRelativePath);
        for (JsonNode vol : file.service(service).path("volumes")) {
            String source = vol.isString() ? vol.asString().split(":")[0] : vol.path("source").asString("");
            // compose expands ${PWD}; graders run compose from the repository root
            source = source.replaceFirst("^\\$\\{PWD}|^\\$PWD", java.util.regex.Matcher.quoteReplacement(repoRoot.toAbsolutePath().toString()));
            if (source.isEmpty() || !(source.startsWith(".") || source.startsWith("/"))) {
                continue; // a named volume does not come from the host's files
            }
            java.nio.file.Path host = source.startsWith("/") ? java.nio.file.Path.of(source).normalize()
                    : repoRoot.toAbsolutePath().normalize().resolve(source).normalize();
            if (wanted.startsWith(host)) {
                return true;
            }
        }
        return false;
    }

    /** {@code KEY=value} strings from either form of {@code environment}. */
    static List<String> environment(JsonNode service) {
        List<String> env = new ArrayList<>();
        JsonNode e = service.get("environment");
        if (e != null && e.isArray()) {
            e.forEach(x -> env.add(x.asString()));
        } else if (e != null && e.isObject()) {
            e.properties().forEach(p -> env.add(p.getKey() + "=" + (p.getValue().isNull() ? "" : p.getValue().asString())));
        }
        return env;
    }

    private static boolean contains(JsonNode listOrMap, String key) {
        if (listOrMap == null) {
            return false;
        }
        if (listOrMap.isArray()) {
            for (JsonNode x : listOrMap) {
                if (key.equals(x.asString())) {
                    return true;
                }
            }
            return false;
        }
        return listOrMap.isObject() && listOrMap.has(key);
    }

    private static void expect(List<String> v, String service, String key, String actual, String expected) {
        if (!expected.equals(actual)) {
            v.add(service + ": " + key + " is " + (actual.isEmpty() ? "(missing)" : actual) + ", expected " + expected);
        }
    }
}
