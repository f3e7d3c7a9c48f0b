package dev.tpharness.testsupport;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Compose CLIs that fail on purpose, for the paths a real engine rarely takes; everything else goes to the real CLI. */
public final class FakeCompose {

    private FakeCompose() {
    }

    /** A compose CLI in {@code dir} whose {@code up} and {@code down} fail (as a busy port and a stuck engine would). */
    public static Path failingUpAndDown(Path dir) throws IOException {
        Path script = dir.resolve("fake-compose");
        Files.writeString(script, """
                #!/bin/sh
                for a in "$@"; do
                  case "$a" in
                    up) echo "simulated: up failed, port is already allocated" >&2; exit 1 ;;
                    down) echo "simulated: down failed" >&2; exit 1 ;;
                  esac
                done
                exec docker compose "$@"
                """);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }
}
