package dev.tpharness.compose;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Labels for Docker resources that a harness user creates outside a {@link ComposeStack} (probe
 * containers, images built for a grading run, helper networks). Resources carrying them belong to
 * this JVM's run: the run's shutdown hook removes what is left of them, and a later run's start-up
 * sweep removes them once they are stale. Nothing without these labels is ever removed.
 *
 * <pre>{@code
 * List<String> cmd = new ArrayList<>(List.of("docker", "run", "-d"));
 * cmd.addAll(HarnessLabels.dockerArgs("probe"));   // --label dev.tpharness=true --label ...
 * }</pre>
 */
public final class HarnessLabels {

    private static final Instant STARTED = Instant.now();

    private HarnessLabels() {
    }

    /** This JVM's run id, as found in the {@code dev.tpharness.run} label. */
    public static String runId() {
        return HarnessRun.RUN_ID;
    }

    /**
     * The labels of this run for a resource of the given purpose ({@code dev.tpharness.project} is
     * set to it), and arms the run's shutdown hook so that leftovers are removed when the JVM ends.
     */
    public static Map<String, String> forResource(String purpose) {
        HarnessRun.armShutdownHook();
        return HarnessRun.labels(purpose, STARTED);
    }

    /** {@link #forResource(String)} as {@code --label key=value} arguments for the docker CLI. */
    public static List<String> dockerArgs(String purpose) {
        List<String> args = new ArrayList<>();
        forResource(purpose).forEach((k, v) -> {
            args.add("--label");
            args.add(k + "=" + v);
        });
        return args;
    }
}
