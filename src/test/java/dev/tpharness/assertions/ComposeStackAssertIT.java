package dev.tpharness.assertions;

import static dev.tpharness.assertions.HarnessAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.model.ComposeFile;
import org.junit.jupiter.api.Test;

class ComposeStackAssertIT {

    private static final ComposeFile FILE = ComposeFile.parse("services:\n"
            + "  runs:\n    image: alpine:3.20\n    pull_policy: never\n    command: [\"sleep\", \"600\"]\n    init: true\n"
            + "  ends:\n    image: alpine:3.20\n    pull_policy: never\n    command: [\"sh\", \"-c\", \"exit 3\"]\n",
            Path.of("target/stack-assert.yaml").toAbsolutePath());

    @Test
    void runningAndExitedServicesAreTold() {
        try (ComposeStack stack = ComposeStack.isolated(FILE).stopTimeout(Duration.ofSeconds(1)).build().up()) {
            stack.awaitExit("ends", Duration.ofSeconds(30));
            assertThat(stack).hasServiceRunning("runs").hasServiceExitedWith("ends", 3);
            assertThatThrownBy(() -> assertThat(stack).hasServiceRunning("ends"))
                    .isInstanceOf(AssertionError.class)
                    .hasMessageContaining("expected ends of " + stack.project() + " to be running but:")
                    .hasMessageContaining("exit code 3");
            assertThatThrownBy(() -> assertThat(stack).hasServiceExitedWith("ends", 0))
                    .hasMessageContaining("to have exited with code 0 but:").hasMessageContaining("exit code 3");
            assertThatThrownBy(() -> assertThat(stack).hasServiceExitedWith("runs", 0))
                    .hasMessageContaining("running");
        }
    }
}
