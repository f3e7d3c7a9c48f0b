package dev.tpharness.tp0.exercises.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.probe.EchoExchange;
import dev.tpharness.probe.NetcatProbe;
import dev.tpharness.probe.ProbeOptions;
import dev.tpharness.testsupport.Command;
import dev.tpharness.testsupport.CommandResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One test's private copy of the graded exercise: the place where config files may be rewritten
 * and compose files generated, the images of the exercise, and the stacks the test starts (taken
 * down after the test; their logs kept as evidence when it fails).
 */
public final class Tp0Workspace {

    /** Script runs (generator, validator) get this long unless {@value #SCRIPT_TIMEOUT_PARAMETER} says otherwise. */
    public static final Duration SCRIPT_TIMEOUT = Duration.ofSeconds(120);
    /** Configuration parameter (or system property): the bound of a student script run, ISO-8601 (e.g. {@code PT30S}). */
    public static final String SCRIPT_TIMEOUT_PARAMETER = "tp0.scriptTimeout";

    /** Grace of the final teardown: checks of graceful stops stop services themselves, with their own grace. */
    static final Duration TEARDOWN_GRACE = Duration.ofSeconds(3);

    private final Checkout checkout;
    private final Path dir;
    private final List<ComposeStack> stacks = new ArrayList<>();
    private final Duration scriptTimeout;
    private final boolean rebuildImages;
    private final boolean throwawayProbes;
    private Tp0Images ownImages;
    /** The reused probe of each stack network ({@code project/network}); the stack removes it when it goes down. */
    private final Map<String, NetcatProbe> probes = new java.util.HashMap<>();

    /** A workspace with the defaults: scripts bounded by {@link #SCRIPT_TIMEOUT}, shared images, a reused probe. */
    Tp0Workspace(Checkout checkout, Path dir) {
        this(checkout, dir, SCRIPT_TIMEOUT, false, false);
    }

    /**
     * @param scriptTimeout   bound of one run of a student script
     * @param rebuildImages   this test builds its own images ({@link Tp0Images#REBUILD_PER_TEST})
     * @param throwawayProbes {@link #echo} uses one probe container per message ({@link #PROBE_PER_MESSAGE})
     */
    Tp0Workspace(Checkout checkout, Path dir, Duration scriptTimeout, boolean rebuildImages, boolean throwawayProbes) {
        this.checkout = checkout;
        this.dir = dir;
        this.scriptTimeout = scriptTimeout;
        this.rebuildImages = rebuildImages;
        this.throwawayProbes = throwawayProbes;
    }

    /** The bound of one run of a student script (the generator, the validator). */
    public Duration scriptTimeout() {
        return scriptTimeout;
    }

    /**
     * Configuration parameter (or system property): {@code true} makes {@link #echo} start a
     * throwaway probe container per message instead of reusing the stack's probe. Only the
     * benchmark's "naive way" uses it; the default is {@code false}.
     */
    public static final String PROBE_PER_MESSAGE = "tp0.probe.perMessage";

    public String exercise() {
        return checkout.exercise();
    }

    /** The folder of this test's copy (the graded repository's files). */
    public Path dir() {
        return dir;
    }

    public Checkout checkout() {
        return checkout;
    }

    /** The exercise's images (built once per run and content; once per test with {@link Tp0Images#REBUILD_PER_TEST}). */
    public synchronized Tp0Images images() {
        if (!rebuildImages) {
            return Tp0Images.of(checkout);
        }
        if (ownImages == null) {
            ownImages = Tp0Images.rebuild(checkout);
        }
        return ownImages;
    }

    /**
     * Sends the bytes to {@code host:port} from inside the stack's network: through the stack's
     * reused netcat probe, or (with {@link #PROBE_PER_MESSAGE}) a throwaway container per message.
     */
    public EchoExchange echo(ComposeStack stack, String network, String host, int port, byte[] payload) {
        if (throwawayProbes) {
            return NetcatProbe.sendOnce(stack.network(network), host, port, payload, ProbeOptions.defaults());
        }
        NetcatProbe probe;
        synchronized (this) {
            probe = probes.computeIfAbsent(stack.project() + "/" + network, k -> stack.netcatProbe(network));
        }
        return probe.send(host, port, payload);
    }

    /**
     * Runs a command in the copy, with a timeout; never throws on a non-zero exit.
     *
     * @throws AssertionError naming the command and the bound when it did not finish in time (it
     *     and its child processes were killed)
     */
    public CommandResult run(Duration timeout, String... argv) {
        CommandResult r = Command.of(argv).in(dir).withTimeout(timeout).run();
        if (r.timedOut()) {
            throw new AssertionError("`" + String.join(" ", argv) + "` (" + exercise() + ") did not finish within "
                    + human(timeout) + " and was killed with its child processes; the bound is -D" + SCRIPT_TIMEOUT_PARAMETER
                    + " for scripts.\n  " + r.describe());
        }
        return r;
    }

    private static String human(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /**
     * Runs the solution's own {@code generar-compose.sh} as graders do
     * ({@code bash generar-compose.sh docker-compose-dev.yaml N}) and reads what it wrote.
     */
    public ComposeFile generate(int clients) {
        Path script = dir.resolve("generar-compose.sh");
        if (!Files.isRegularFile(script)) {
            throw new AssertionError(exercise() + ": generar-compose.sh does not exist at the repository root (" + checkout.source() + ")");
        }
        Path out = dir.resolve("docker-compose-dev.yaml");
        CommandResult r = run(scriptTimeout, "bash", "generar-compose.sh", out.getFileName().toString(), Integer.toString(clients));
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new AssertionError("generar-compose.sh docker-compose-dev.yaml " + clients + " failed: " + r.describe());
        }
        return ComposeFile.read(out).withSource(out);
    }

    /**
     * The file with the solution's images replaced by the images built for this run
     * ({@code server:latest} -> {@link Tp0Images#server()}, {@code client:latest} -> ...), and
     * {@code environment} added to every client service (tests use it for loop settings; it is
     * never used where the exercise checks that config files take effect).
     */
    public ComposeFile runnable(ComposeFile file, Map<String, String> clientEnvironment) {
        Tp0Images images = images();
        ComposeFile copy = file.copy();
        for (String name : copy.serviceNames()) {
            ObjectNode service = copy.service(name);
            String image = service.path("image").asString("");
            String base = image.replaceFirst(":latest$", "");
            boolean isServer = base.equals("server") || (image.isEmpty() && name.equals("server"));
            boolean isClient = base.equals("client") || (image.isEmpty() && name.matches("client\\d+"));
            if (isServer || isClient) {
                service.put("image", isServer ? images.server() : images.client());
                service.remove("build");
                service.put("pull_policy", "never");
            }
            if (isClient && !clientEnvironment.isEmpty()) {
                addEnvironment(service, clientEnvironment);
            }
        }
        return copy;
    }

    /** An isolated stack of this file, taken down after the test. */
    public ComposeStack isolatedStack(ComposeFile file) {
        return track(ComposeStack.isolated(file).stopTimeout(TEARDOWN_GRACE).build());
    }

    /** A course-faithful stack (project tp0, names as written; one at a time), taken down after the test. */
    public ComposeStack faithfulStack(ComposeFile file) {
        return track(ComposeStack.courseFaithful(file).stopTimeout(TEARDOWN_GRACE).exclusiveWait(Duration.ofMinutes(10)).build());
    }

    private synchronized ComposeStack track(ComposeStack stack) {
        stacks.add(stack);
        return stack;
    }

    synchronized List<ComposeStack> stacks() {
        return List.copyOf(stacks);
    }

    /**
     * {@code SERVER_PORT} of the copy's {@code server/config.ini}, or the contract's 12345 when the
     * file or the key is absent.
     *
     * @throws AssertionError naming the file, the line and the value when the file is not text or
     *     the port is not a number from 1 to 65535
     */
    public int serverPort() {
        Path ini = dir.resolve("server/config.ini");
        List<String> lines;
        try {
            lines = Files.readAllLines(ini, StandardCharsets.UTF_8);
        } catch (java.nio.charset.CharacterCodingException | java.io.UncheckedIOException e) {
            throw new AssertionError(exercise() + ": server/config.ini (" + checkout.source() + ") is not UTF-8 text: " + e);
        } catch (IOException e) {
            return 12345; // no config file: the contract's port
        }
        for (int i = 0; i < lines.size(); i++) {
            String[] kv = lines.get(i).split("=", 2);
            if (kv.length == 2 && kv[0].strip().equalsIgnoreCase("SERVER_PORT")) {
                String value = kv[1].strip();
                try {
                    int port = Integer.parseInt(value);
                    if (port >= 1 && port <= 65535) {
                        return port;
                    }
                } catch (NumberFormatException e) {
                    // reported below
                }
                throw new AssertionError(exercise() + ": server/config.ini line " + (i + 1) + " (" + checkout.source()
                        + "): SERVER_PORT = '" + value + "' is not a port number (1-65535)");
            }
        }
        return 12345;
    }

    /** Writes {@code server/config.ini} the way graders do: {@code KEY = value} lines, no final newline. */
    public void writeServerConfig(Map<String, String> values) {
        StringBuilder ini = new StringBuilder("[DEFAULT]");
        values.forEach((k, v) -> ini.append('\n').append(k).append(" = ").append(v));
        write("server/config.ini", ini.toString());
    }

    /** Writes {@code client/config.yaml}. */
    public void writeClientConfig(String address, int amount, String period, String logLevel) {
        write("client/config.yaml", "server:\n  address: \"" + address + "\"\nloop:\n  amount: " + amount
                + "\n  period: \"" + period + "\"\nlog:\n  level: \"" + logLevel + "\"\n");
    }

    public void write(String relativePath, String content) {
        try {
            Path f = dir.resolve(relativePath);
            Files.createDirectories(f.getParent());
            Files.writeString(f, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void addEnvironment(ObjectNode service, Map<String, String> env) {
        JsonNode existing = service.get("environment");
        if (existing != null && existing.isArray()) {
            var list = (tools.jackson.databind.node.ArrayNode) existing;
            env.forEach((k, v) -> list.add(k + "=" + v));
        } else if (existing != null && existing.isObject()) {
            env.forEach(((ObjectNode) existing)::put);
        } else {
            var list = service.putArray("environment");
            env.forEach((k, v) -> list.add(k + "=" + v));
        }
    }
}
