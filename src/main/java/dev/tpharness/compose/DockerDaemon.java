package dev.tpharness.compose;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Makes sure a Docker engine answers before anything else talks to it, within a short bound
 * ({@value #TIMEOUT_PROPERTY}, default 4 s): without it, a stopped daemon or a wrong
 * {@code DOCKER_HOST} shows up as long client retries instead of one clear message. A success is
 * remembered for the JVM; a failure is checked again next time.
 */
final class DockerDaemon {

    static final String TIMEOUT_PROPERTY = "tp.docker.pingTimeout";
    static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(4);

    private static volatile boolean reachable;

    private DockerDaemon() {
    }

    static void requireReachable() {
        if (!reachable) {
            check(System.getenv(), timeout());
            reachable = true;
        }
    }

    static Duration timeout() {
        String setting = System.getProperty(TIMEOUT_PROPERTY, "").trim();
        try {
            return setting.isEmpty() ? DEFAULT_TIMEOUT : Duration.parse(setting);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("-D" + TIMEOUT_PROPERTY + "=" + setting + " is not an ISO-8601 duration; use e.g. PT4S", e);
        }
    }

    /**
     * Runs {@code docker version} against the engine the environment names.
     *
     * @throws ComposeCommandException saying which engine did not answer, how, and how to fix it
     */
    static void check(Map<String, String> environment, Duration timeout) {
        String engine = environment.getOrDefault("DOCKER_HOST", "").isEmpty()
                ? "the default Docker engine" + (environment.getOrDefault("DOCKER_CONTEXT", "").isEmpty() ? ""
                        : " of context " + environment.get("DOCKER_CONTEXT"))
                : "DOCKER_HOST=" + environment.get("DOCKER_HOST");
        String fix = "\n  To fix: start Docker (e.g. `sudo systemctl start docker`, or Docker Desktop), or point DOCKER_HOST /"
                + " `docker context use` at an engine that runs; check with `docker version`.";
        ComposeCli cli = new ComposeCli(List.of("docker"), environment);
        ComposeCli.Result r;
        try {
            r = cli.execute(List.of("docker", "version", "--format", "{{.Server.Version}}"), timeout, null);
        } catch (ComposeCommandException e) {
            String how = e.exitCode().isEmpty() && e.getCause() == null ? "did not answer within " + ComposeCli.human(timeout)
                    : "could not be asked (" + e.getMessage().lines().findFirst().orElse("") + ")";
            throw new ComposeCommandException("Docker is not reachable: " + engine + " " + how + "." + fix);
        }
        if (r.exitCode() != 0 || r.stdout().isBlank()) {
            throw new ComposeCommandException("Docker is not reachable: " + engine + ": `docker version` exited " + r.exitCode()
                    + ": " + ComposeCommandException.tail(r.stderr()).strip() + fix);
        }
    }
}
