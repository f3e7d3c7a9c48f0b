package dev.tpharness.compose;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectVolumeResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import com.github.dockerjava.api.model.Network;

/**
 * This JVM's identity on the Docker engine (the run id in every label), the stacks it has up,
 * and the two safety nets: a shutdown hook for this run and a one-time sweep of stale runs.
 * Only resources carrying {@code dev.tpharness=true} plus a run id and a start time are ever
 * removed here.
 */
final class HarnessRun {

    static final String LABEL = "dev.tpharness";
    static final String RUN_LABEL = "dev.tpharness.run";
    static final String PROJECT_LABEL = "dev.tpharness.project";
    static final String STARTED_LABEL = "dev.tpharness.started";
    /** Which machine (boot) and pid namespace the owning JVM runs in: a hash, see {@link OwnerProcess}. */
    static final String HOST_LABEL = "dev.tpharness.host";
    /** The owning JVM's pid and start time ({@code <pid>@<epoch millis>}). */
    static final String PROCESS_LABEL = "dev.tpharness.process";

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Unique per JVM: every label of this run carries it. */
    static final String RUN_ID = newId(6);

    private static final Logger LOG = dev.tpharness.internal.QuietSlf4j.logger(HarnessRun.class);
    private static final Set<ComposeStack> LIVE = ConcurrentHashMap.newKeySet();
    private static final AtomicBoolean HOOK = new AtomicBoolean();
    private static final AtomicBoolean SWEPT = new AtomicBoolean();

    private HarnessRun() {
    }

    static String newId(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    static Map<String, String> labels(String project, Instant started) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(LABEL, "true");
        labels.put(RUN_LABEL, RUN_ID);
        labels.put(PROJECT_LABEL, project);
        labels.put(STARTED_LABEL, Long.toString(started.getEpochSecond()));
        OwnerProcess.CURRENT.ifPresent(owner -> {
            labels.put(HOST_LABEL, owner.host());
            labels.put(PROCESS_LABEL, owner.process());
        });
        return labels;
    }

    static void register(ComposeStack stack) {
        armShutdownHook();
        LIVE.add(stack);
    }

    static void armShutdownHook() {
        if (HOOK.compareAndSet(false, true)) {
            Runtime.getRuntime().addShutdownHook(new Thread(HarnessRun::onShutdown, "tp-harness-cleanup"));
        }
    }

    static void unregister(ComposeStack stack) {
        LIVE.remove(stack);
    }

    private static void onShutdown() {
        for (ComposeStack stack : List.copyOf(LIVE)) {
            try {
                stack.downForShutdown();
            } catch (RuntimeException e) {
                System.err.println("[tp-harness] could not take down " + stack.project() + ": " + e.getMessage());
            }
        }
        // whatever a failed `down` left behind (the hook exists only once a stack was started)
        removeMatching(labels -> RUN_ID.equals(labels.get(RUN_LABEL)), "this run at shutdown");
    }

    /** Once per JVM: removes what runs that are not this one left behind, older than the threshold. */
    static void sweepOnce(HarnessSettings settings) {
        if (!SWEPT.compareAndSet(false, true)) {
            return;
        }
        settings.staleAfter().ifPresent(HarnessRun::sweep);
    }

    /**
     * Removes other runs' resources whose start is older than {@code staleAfter}, and at once those
     * of runs whose JVM is provably gone (same machine and pid namespace, no process with that pid
     * and start time: a run killed with SIGKILL).
     */
    static void sweep(Duration staleAfter) {
        long cutoff = Instant.now().minus(staleAfter).getEpochSecond();
        removeMatching(labels -> isStale(labels, cutoff, OwnerProcess::isGone),
                "runs older than " + staleAfter + " or whose JVM is gone");
    }

    static boolean isStale(Map<String, String> labels, long cutoffEpochSecond) {
        return isStale(labels, cutoffEpochSecond, (host, process) -> false);
    }

    /** How a sweep decides that the JVM that labelled a resource no longer exists. */
    interface GoneCheck {
        boolean isGone(String hostLabel, String processLabel);
    }

    static boolean isStale(Map<String, String> labels, long cutoffEpochSecond, GoneCheck gone) {
        if (labels == null || !"true".equals(labels.get(LABEL))) {
            return false;
        }
        String run = labels.get(RUN_LABEL);
        if (run == null || run.isEmpty() || run.equals(RUN_ID)) {
            return false;
        }
        long started;
        try {
            started = Long.parseLong(labels.getOrDefault(STARTED_LABEL, ""));
        } catch (NumberFormatException e) {
            return false; // not made by the harness (no start time): never ours to remove
        }
        return started < cutoffEpochSecond || gone.isGone(labels.get(HOST_LABEL), labels.get(PROCESS_LABEL));
    }

    interface LabelPredicate {
        boolean test(Map<String, String> labels);
    }

    private static void removeMatching(LabelPredicate predicate, String why) {
        DockerClient docker;
        try {
            docker = DockerApi.client();
        } catch (RuntimeException e) {
            LOG.warn("tp-harness cleanup ({}) skipped: Docker not reachable: {}", why, e.toString());
            return;
        }
        List<String> byLabel = List.of(LABEL + "=true");
        List<Container> containers;
        List<Network> networks;
        List<Image> images;
        List<InspectVolumeResponse> volumes;
        try {
            containers = DockerApi.bounded("list labelled containers", () -> docker.listContainersCmd().withShowAll(true)
                    .withLabelFilter(byLabel).exec());
            networks = DockerApi.bounded("list labelled networks", () -> docker.listNetworksCmd().withFilter("label", byLabel).exec());
            images = DockerApi.bounded("list labelled images", () -> docker.listImagesCmd().withLabelFilter(LABEL + "=true").exec());
            volumes = DockerApi.bounded("list labelled volumes", () -> docker.listVolumesCmd().withFilter("label", byLabel).exec()
                    .getVolumes());
        } catch (RuntimeException e) {
            LOG.warn("tp-harness cleanup ({}) skipped: {}", why, e.getMessage());
            return;
        }
        for (Container c : containers) {
            if (predicate.test(c.getLabels())) {
                quietly(() -> DockerApi.bounded("remove container " + c.getId(),
                        () -> docker.removeContainerCmd(c.getId()).withForce(true).withRemoveVolumes(true).exec()),
                        "container " + c.getId(), why);
            }
        }
        for (Network n : networks) {
            if (predicate.test(n.getLabels())) {
                quietly(() -> DockerApi.bounded("remove network " + n.getName(), () -> docker.removeNetworkCmd(n.getId()).exec()), "network " + n.getName(), why);
            }
        }
        for (Image i : images) {
            if (predicate.test(i.getLabels())) {
                quietly(() -> DockerApi.bounded("remove image " + i.getId(), () -> docker.removeImageCmd(i.getId()).withForce(true).exec()), "image " + i.getId(), why);
            }
        }
        for (InspectVolumeResponse v : volumes == null ? List.<InspectVolumeResponse>of() : volumes) {
            if (predicate.test(v.getLabels())) {
                quietly(() -> DockerApi.bounded("remove volume " + v.getName(), () -> docker.removeVolumeCmd(v.getName()).exec()), "volume " + v.getName(), why);
            }
        }
    }

    private static void quietly(Runnable removal, String what, String why) {
        try {
            removal.run();
            LOG.info("tp-harness removed {} ({})", what, why);
        } catch (RuntimeException e) {
            LOG.warn("tp-harness could not remove {} ({}): {}", what, why, e.toString());
        }
    }
}
