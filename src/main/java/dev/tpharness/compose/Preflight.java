package dev.tpharness.compose;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import dev.tpharness.compose.model.ComposeFile;
import dev.tpharness.compose.model.ComposeFileException;
import dev.tpharness.internal.Poll;
import tools.jackson.databind.JsonNode;

/**
 * Checks made before compose runs, so that the usual mistakes end at once with a message naming
 * the file, the service and the path or name, instead of a compose error (or a hang) later.
 */
final class Preflight {

    private Preflight() {
    }

    /**
     * Local paths the (rewritten, so absolute) file names: build contexts and Dockerfiles, bind
     * mount sources (a missing one would make Docker create an empty folder in its place) and
     * {@code env_file}s.
     *
     * @throws ComposeFileException listing every missing path with its service
     */
    static void paths(ComposeFile file) {
        String where = file.source().map(Path::toString).orElse("<compose yaml>");
        List<String> missing = new ArrayList<>();
        for (String service : file.serviceNames()) {
            JsonNode s = file.service(service);
            String prefix = "service '" + service + "': ";
            JsonNode build = s.path("build");
            if (build.isObject()) {
                String context = build.path("context").asString("");
                if (isCheckable(context)) {
                    Path dir = Path.of(context);
                    if (!Files.isDirectory(dir)) {
                        missing.add(prefix + "build context " + dir + " does not exist (or is not a folder)");
                    } else if (!build.has("dockerfile_inline")) {
                        String dockerfile = build.path("dockerfile").asString("Dockerfile");
                        Path df = dir.resolve(dockerfile);
                        if (isCheckable(df.toString()) && !Files.isRegularFile(df)) {
                            missing.add(prefix + "Dockerfile " + df + " does not exist");
                        }
                    }
                }
            }
            for (JsonNode volume : s.path("volumes")) {
                String source = null;
                if (volume.isString()) {
                    String spec = volume.asString();
                    int colon = spec.indexOf(':');
                    source = colon > 0 && spec.startsWith("/") ? spec.substring(0, colon) : null;
                } else if (volume.isObject() && "bind".equals(volume.path("type").asString(""))
                        && !volume.path("bind").path("create_host_path").asBoolean(false)) {
                    source = volume.path("source").asString(null);
                }
                if (source != null && isCheckable(source) && !Files.exists(Path.of(source))) {
                    missing.add(prefix + "bind mount source " + source + " does not exist (Docker would mount an empty"
                            + " folder in its place)");
                }
            }
            JsonNode envFile = s.path("env_file");
            for (JsonNode item : envFile.isArray() ? envFile : List.of(envFile)) {
                String path = item.isString() ? item.asString()
                        : item.path("required").asBoolean(true) ? item.path("path").asString("") : "";
                if (isCheckable(path) && !Files.isRegularFile(Path.of(path))) {
                    missing.add(prefix + "env_file " + path + " does not exist");
                }
            }
        }
        if (!missing.isEmpty()) {
            throw new ComposeFileException(where + ": " + String.join("\n  " + where + ": ", missing)
                    + "\n  nothing was started; fix the paths (relative ones are resolved against the folder of " + where + ")");
        }
    }

    private static boolean isCheckable(String path) {
        return path != null && path.startsWith("/") && !path.contains("$");
    }

    /**
     * Images of services without a {@code build} section must be on this machine: a missing one
     * is pulled with {@code docker pull} bounded by {@code pullTimeout} (pulls hang on machines
     * without a registry); {@link Duration#ZERO} means never pull.
     *
     * @throws ComposeCommandException naming the service, the image and the bound
     */
    static void images(ComposeFile file, Duration pullTimeout, Map<String, String> environment) {
        for (String service : file.serviceNames()) {
            JsonNode s = file.service(service);
            String image = s.path("image").asString("");
            if (image.isEmpty() || s.has("build") || image.contains("$")) {
                continue;
            }
            if (isPresent(image)) {
                continue;
            }
            String where = file.source().map(Path::toString).orElse("<compose yaml>");
            String fix = "\n  nothing was started; to fix, build or load the image (docker build -t " + image + " ..., docker load),"
                    + " give the service a build: section, or allow a longer pull with -D" + HarnessSettings.DOCKER_PULL_TIMEOUT
                    + "=10m / ComposeStack.Builder.pullTimeout(...)";
            if ("never".equals(s.path("pull_policy").asString("")) || pullTimeout.isZero()) {
                throw new ComposeCommandException(where + ": service '" + service + "' uses image '" + image
                        + "', which is not on this machine, and " + (pullTimeout.isZero() ? "pulling is off (pull timeout 0)"
                        : "its pull_policy is never") + fix);
            }
            ComposeCli cli = new ComposeCli(List.of("docker"), environment);
            try {
                ComposeCli.Result r = cli.execute(List.of("docker", "pull", "-q", image), pullTimeout, null);
                if (r.exitCode() != 0) {
                    throw new ComposeCommandException(r.command(), r.exitCode(), null, r.stdout(), r.stderr(), null)
                            .withNote("  " + where + ": service '" + service + "' uses image '" + image
                                    + "', which is not on this machine and could not be pulled" + fix);
                }
            } catch (ComposeCommandException e) {
                if (e.exitCode().isPresent()) {
                    throw e;
                }
                throw e.withNote("  " + where + ": service '" + service + "' uses image '" + image + "', which is not on this machine,"
                        + " and pulling it did not finish within " + ComposeCli.human(pullTimeout) + " (is a registry reachable?)" + fix);
            }
        }
    }

    private static boolean isPresent(String image) {
        try {
            DockerApi.bounded("inspect image " + image, () -> DockerApi.client().inspectImageCmd(image).exec());
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    /**
     * A course-faithful stack needs its fixed container and network names free: one held by a
     * container or network that is not this project's stops the stack before compose runs, with
     * a message naming the holder and how to free it. Nothing is ever removed here.
     *
     * @throws IllegalStateException naming every conflict
     */
    static void fixedNames(ComposeFile file, String project) {
        List<String> conflicts = new ArrayList<>();
        for (Container c : DockerApi.containers(project, null)) {
            Map<String, String> labels = c.getLabels() == null ? Map.of() : c.getLabels();
            if (!labels.containsKey(HarnessRun.RUN_LABEL)) {
                // compose would stop and replace it: someone's own stack under the same project name
                conflicts.add("compose project '" + project + "' already has container " + name(c) + " (image " + c.getImage()
                        + ", " + c.getState() + ", not made by tp-harness; `docker compose -p " + project + " down` frees the project)");
            }
        }
        for (String service : file.serviceNames()) {
            String name = file.service(service).path("container_name").asString("");
            if (name.isEmpty()) {
                continue;
            }
            for (Container c : DockerApi.bounded("list containers named " + name, () -> DockerApi.client().listContainersCmd()
                    .withShowAll(true).withNameFilter(List.of("^/?" + name + "$")).exec())) {
                if (project.equals(DockerApi.label(c, DockerApi.PROJECT_LABEL))) {
                    continue; // this project's own container: compose recreates it
                }
                conflicts.add("container name '" + name + "' (service '" + service + "') is held by container " + c.getId().substring(0, 12)
                        + " (image " + c.getImage() + ", " + c.getState() + ", " + owner(c.getLabels()) + ")");
            }
        }
        for (String key : file.networkNames()) {
            JsonNode net = file.root().path("networks").path(key);
            if (net.path("external").asBoolean(false) || net.path("external").isObject()) {
                continue;
            }
            String name = net.path("name").asString(project + "_" + key);
            for (Network n : DockerApi.bounded("list networks named " + name, () -> DockerApi.client().listNetworksCmd()
                    .withNameFilter(name).exec())) {
                if (!n.getName().equals(name) || project.equals(n.getLabels() == null ? null : n.getLabels().get(DockerApi.PROJECT_LABEL))) {
                    continue;
                }
                conflicts.add("network name '" + name + "' (network '" + key + "') is held by network " + n.getId().substring(0, 12)
                        + " (" + owner(n.getLabels()) + ")");
            }
        }
        if (!conflicts.isEmpty()) {
            throw new FixedNamesTakenException("course-faithful stack " + project + " cannot start: its fixed names are taken.\n  "
                    + String.join("\n  ", conflicts)
                    + "\n  tp-harness never removes what it did not create. To fix, free the names yourself if those are yours"
                    + " (e.g. `docker rm -f <container>`, `docker network rm <network>`, or `docker compose -p <project> down`),"
                    + " or stop the program that uses them, then run again.");
        }
    }

    /**
     * Another tp-harness run (another JVM) may have a course-faithful stack of the same project up
     * on this engine: compose would stop and replace its containers. Waits, bounded, until it is
     * gone; a run whose JVM is provably gone does not count (its leftovers are replaced).
     *
     * @throws IllegalStateException naming the other run's containers when they stay past {@code wait}
     */
    static void awaitOtherRuns(String project, Duration wait) {
        Poll.until("another run's project '" + project + "'", wait, Duration.ofMillis(500), () -> otherRuns(project), List::isEmpty,
                others -> new IllegalStateException("course-faithful project '" + project + "' is still used by another tp-harness run"
                        + " after waiting " + ComposeCli.human(wait) + ": " + others + ". Course-faithful stacks run one at a time"
                        + " on a Docker engine; to fix, let the other run finish, or stop it (its shutdown hook takes its stacks down)."));
    }

    /** Containers of the project made by another run whose JVM may still be alive. */
    private static List<String> otherRuns(String project) {
        List<String> others = new ArrayList<>();
        for (Container c : DockerApi.containers(project, null)) {
            Map<String, String> l = c.getLabels() == null ? Map.of() : c.getLabels();
            String run = l.get(HarnessRun.RUN_LABEL);
            if (run != null && !run.equals(HarnessRun.RUN_ID)
                    && !OwnerProcess.isGone(l.get(HarnessRun.HOST_LABEL), l.get(HarnessRun.PROCESS_LABEL))) {
                others.add(name(c) + " (run " + run + ")");
            }
        }
        return others;
    }

    private static String name(Container c) {
        String[] names = c.getNames();
        return names == null || names.length == 0 ? c.getId().substring(0, 12) : names[0].replaceFirst("^/", "");
    }

    private static String owner(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (l.containsKey(HarnessRun.RUN_LABEL)) {
            return "made by tp-harness run " + l.get(HarnessRun.RUN_LABEL) + ", project " + l.get(HarnessRun.PROJECT_LABEL);
        }
        if (l.containsKey(DockerApi.PROJECT_LABEL)) {
            return "compose project '" + l.get(DockerApi.PROJECT_LABEL) + "', not made by tp-harness";
        }
        return "not made by tp-harness";
    }
}
