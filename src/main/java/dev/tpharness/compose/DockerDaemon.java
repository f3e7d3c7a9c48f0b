package dev.tpharness.compose;

import java.time.Duration;
import java.util.Map;

import dev.tpharness.internal.DockerEngine;

/** Reachability of the Docker engine; see {@link DockerEngine#requireReachable()}. */
final class DockerDaemon {

    static final String TIMEOUT_PROPERTY = DockerEngine.PING_TIMEOUT_PROPERTY;

    private DockerDaemon() {
    }

    static void requireReachable() {
        DockerEngine.requireReachable();
    }

    static void check(Map<String, String> environment, Duration timeout) {
        DockerEngine.check(environment, timeout);
    }
}
