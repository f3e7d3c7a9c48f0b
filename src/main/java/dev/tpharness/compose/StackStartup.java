package dev.tpharness.compose;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.internal.Poll;

/**
 * Everything a stack checks and waits for before and while compose starts it: the engine answers,
 * paths and images exist, stale runs are swept, and a course-faithful stack gets its project and
 * its fixed names and subnets to itself.
 */
final class StackStartup {

    private StackStartup() {
    }

    /**
     * The checks before {@code up}. A course-faithful stack leaves here holding its project's
     * {@link FaithfulLock}; the caller releases it when the stack goes down.
     */
    static void beforeUp(ComposeFile file, String project, boolean isolated, StackSettings settings, String who) {
        DockerDaemon.requireReachable();
        Preflight.paths(file);
        HarnessRun.sweepOnce(settings.harness());
        Preflight.images(file, settings.pullTimeout(), System.getenv());
        if (!isolated) {
            FaithfulLock.acquire(project, settings.exclusiveWait(), who);
            try {
                Preflight.awaitOtherRuns(project, settings.exclusiveWait()); // another JVM's stack of the same project
                Preflight.fixedNames(file, project);
            } catch (RuntimeException e) {
                FaithfulLock.release(project);
                throw e;
            }
        }
    }

    /** How to run one compose command for the stack. */
    interface Compose {
        void run(Duration timeout, List<String> args);
    }

    /**
     * {@code up} of a course-faithful stack, which keeps its fixed subnet (172.25.125.0/24 in TP0):
     * Docker refuses it while another network overlaps, e.g. an isolated stack that Docker happened
     * to give 172.25.0.0/16. Isolated stacks are short-lived, so this retries (bounded by the up
     * timeout) until the range is free; if it does not come free, it says which networks hold it.
     */
    static void upWaitingForFixedSubnets(ComposeFile file, StackSettings settings, Compose compose, List<String> upArgs) {
        ComposeCommandException last = Poll.until("the fixed subnets " + fixedSubnets(file) + " to come free", settings.upTimeout(),
                Duration.ofMillis(500), () -> {
                    try {
                        compose.run(settings.upTimeout(), upArgs);
                        return null;
                    } catch (ComposeCommandException e) {
                        if (poolOverlaps(e)) {
                            compose.run(settings.commandTimeout(), List.of("down", "-v", "--remove-orphans", "-t", "1"));
                        }
                        return e;
                    }
                }, e -> e == null || !poolOverlaps(e), e -> e.withNote("  the fixed subnets " + fixedSubnets(file)
                        + " overlap networks that stayed up for " + settings.upTimeout() + ": "
                        + DockerApi.networksOverlapping(fixedSubnets(file))
                        + "\n  free the range (e.g. `docker network rm <name>` of a network you own) and run again"));
        if (last != null) {
            throw last;
        }
    }

    private static boolean poolOverlaps(ComposeCommandException e) {
        return e.stderrTail().contains("Pool overlaps");
    }

    private static List<String> fixedSubnets(ComposeFile file) {
        List<String> subnets = new ArrayList<>();
        for (String net : file.networkNames()) {
            file.root().path("networks").path(net).path("ipam").path("config")
                    .forEach(c -> c.path("subnet").asOptional().ifPresent(sn -> subnets.add(sn.asString())));
        }
        return subnets;
    }
}
