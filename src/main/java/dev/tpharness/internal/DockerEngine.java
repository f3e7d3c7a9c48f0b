package dev.tpharness.internal;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.testcontainers.dockerclient.DockerClientProviderStrategy;
import org.testcontainers.dockerclient.EnvironmentAndSystemPropertyClientProviderStrategy;
import org.testcontainers.dockerclient.TransportConfig;

import com.github.dockerjava.api.DockerClient;

import dev.tpharness.compose.ComposeCommandException;
import dev.tpharness.compose.HarnessSettings;

/**
 * The one door to the Docker engine's API, used by every caller (stacks, cleanup, pre-flight
 * checks, the netcat probe's driver): one client per JVM, and every call bounded.
 *
 * <p>The client is built from the engine the {@code docker} CLI itself uses ({@code DOCKER_HOST}
 * if set, else the current {@code docker context}), with docker-java's transport as Testcontainers
 * ships it, but without Testcontainers' client factory: that factory starts Ryuk (whose image must
 * be pulled) and, where the JVM thinks it runs in a container (a {@code /.dockerenv} file), starts
 * a helper container to find the gateway. Neither ever happens here, and no environment variable
 * is needed.
 *
 * <p>Internal: not part of the library's API, may change without notice.
 */
public final class DockerEngine {

    /** Setting: bound of one Docker API call (list, inspect, remove). */
    public static final String API_TIMEOUT_PROPERTY = HarnessSettings.DOCKER_API_TIMEOUT;
    /** Setting: bound of the first reachability check ({@code docker version}). */
    public static final String PING_TIMEOUT_PROPERTY = HarnessSettings.DOCKER_PING_TIMEOUT;

    private static final String DEFAULT_SOCKET = "unix:///var/run/docker.sock";

    private static final ExecutorService CALLS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "tp-harness-docker-api");
        t.setDaemon(true);
        return t;
    });

    static {
        QuietSlf4j.ensure(); // before docker-java or Testcontainers classes make SLF4J look for a provider
    }

    private static volatile boolean reachable;
    private static volatile DockerClient client;

    private DockerEngine() {
    }

    /** The engine's client, after making sure the engine answers (a clear error within seconds otherwise). */
    public static DockerClient client() {
        DockerClient c = client;
        if (c != null) {
            return c;
        }
        synchronized (DockerEngine.class) {
            if (client == null) {
                requireReachable();
                TransportConfig config = transport(System.getenv());
                client = bounded("connect to " + config.getDockerHost(), () -> DockerClientProviderStrategy.getClientForConfig(config));
            }
            return client;
        }
    }

    /** Where the API is: what the docker CLI would talk to. */
    static TransportConfig transport(Map<String, String> environment) {
        String host = environment.getOrDefault("DOCKER_HOST", "").trim();
        if (!host.isEmpty()) {
            String tls = environment.getOrDefault("DOCKER_TLS_VERIFY", "").trim();
            if (!tls.isEmpty() && !tls.equals("0")) {
                // TLS certificates from DOCKER_CERT_PATH, read the way the docker CLI reads them
                return new EnvironmentAndSystemPropertyClientProviderStrategy().getTransportConfig();
            }
            return TransportConfig.builder().dockerHost(URI.create(host)).build();
        }
        return TransportConfig.builder().dockerHost(URI.create(contextHost(environment))).build();
    }

    /** The endpoint of the current docker context ({@code docker context use}); the default socket if none. */
    private static String contextHost(Map<String, String> environment) {
        try {
            Processes.Result r = Processes.run(List.of("docker", "context", "inspect", "--format", "{{.Endpoints.docker.Host}}"),
                    environment, null, pingTimeout().plusSeconds(6), null, true);
            String host = r.stdoutText().strip();
            if (!r.timedOut() && r.exitCode() == 0 && host.contains("://")) {
                return host;
            }
        } catch (RuntimeException e) {
            // an old CLI without contexts: the default socket
        }
        return DEFAULT_SOCKET;
    }

    /**
     * Runs {@code docker version} once per JVM (a success is remembered, a failure checked again).
     *
     * @throws ComposeCommandException saying which engine did not answer, how, and how to fix it
     */
    public static void requireReachable() {
        if (!reachable) {
            check(System.getenv(), pingTimeout());
            reachable = true;
        }
    }

    /** {@link #requireReachable()} against the engine {@code environment} names, without remembering. */
    public static void check(Map<String, String> environment, Duration timeout) {
        String engine = environment.getOrDefault("DOCKER_HOST", "").isEmpty()
                ? "the default Docker engine" + (environment.getOrDefault("DOCKER_CONTEXT", "").isEmpty() ? ""
                        : " of context " + environment.get("DOCKER_CONTEXT"))
                : "DOCKER_HOST=" + environment.get("DOCKER_HOST");
        String fix = "\n  To fix: start Docker (e.g. `sudo systemctl start docker`, or Docker Desktop), or point DOCKER_HOST /"
                + " `docker context use` at an engine that runs; check with `docker version`.";
        Processes.Result r;
        try {
            r = Processes.run(List.of("docker", "version", "--format", "{{.Server.Version}}"), environment, null, timeout, null, true);
        } catch (RuntimeException e) {
            throw new ComposeCommandException("Docker is not reachable: " + engine + " could not be asked (" + e.getMessage() + ")." + fix);
        }
        if (r.timedOut()) {
            throw new ComposeCommandException("Docker is not reachable: " + engine + " did not answer within " + Processes.human(timeout)
                    + "." + fix);
        }
        if (r.exitCode() != 0 || r.stdoutText().isBlank()) {
            throw new ComposeCommandException("Docker is not reachable: " + engine + ": `docker version` exited " + r.exitCode()
                    + ": " + tail(r.stderr()) + fix);
        }
    }

    private static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    }

    /**
     * Runs one Docker API call with a bound: the Docker client has no read timeout, and an engine
     * stuck on an internal lock (it happens: {@code docker network ls} then hangs too) would hang
     * the harness forever.
     *
     * @throws ComposeCommandException naming the call and the bound when the engine does not answer
     */
    public static <T> T bounded(String what, Callable<T> call) {
        return bounded(what, apiTimeout(), call);
    }

    /** {@link #bounded(String, Callable)} with an explicit bound. */
    public static <T> T bounded(String what, Duration timeout, Callable<T> call) {
        Future<T> future = CALLS.submit(call);
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new ComposeCommandException("Docker did not answer `" + what + "` within " + Processes.human(timeout)
                    + ": the engine is overloaded or stuck (check whether `docker info` and `docker network ls` answer)."
                    + " To fix: wait for the engine or restart it; raise the bound with -D" + API_TIMEOUT_PROPERTY + "=3m.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException("Docker call `" + what + "` failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during Docker call `" + what + "`", e);
        }
    }

    static Duration apiTimeout() {
        return HarnessSettings.current().dockerApiTimeout();
    }

    static Duration pingTimeout() {
        return HarnessSettings.current().dockerPingTimeout();
    }
}
