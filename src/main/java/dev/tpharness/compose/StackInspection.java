package dev.tpharness.compose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Network;

import dev.tpharness.shutdown.StopObservation;

/**
 * What a stack looks like from the Docker API (never from CLI text): its containers, their
 * states and logs, its networks, and how each container ended after a stop.
 */
final class StackInspection {

    private final String project;
    private final StackSettings settings;

    StackInspection(String project, StackSettings settings) {
        this.project = project;
        this.settings = settings;
    }

    /** Ids of the containers of {@code service} (null: of every service), running or not, by service and number. */
    List<String> containerIds(String service) {
        return DockerApi.containers(project, service).stream().map(Container::getId).toList();
    }

    List<ContainerState> states(String service) {
        List<ContainerState> states = new ArrayList<>();
        for (String id : containerIds(service)) {
            InspectContainerResponse inspect = DockerApi.inspect(id);
            var st = inspect.getState();
            boolean running = Boolean.TRUE.equals(st.getRunning());
            Optional<Integer> exit = running || st.getExitCodeLong() == null ? Optional.empty() : Optional.of(st.getExitCodeLong().intValue());
            states.add(new ContainerState(service, DockerApi.name(inspect), String.valueOf(st.getStatus()), exit,
                    Boolean.TRUE.equals(st.getOOMKilled())));
        }
        return states;
    }

    /** The Docker name of the stack's network with this compose name, if it exists. */
    Optional<String> network(String composeName) {
        List<Network> found = DockerApi.bounded("list networks of " + project, () -> DockerApi.client().listNetworksCmd()
                .withFilter("label", List.of(DockerApi.PROJECT_LABEL + "=" + project, "com.docker.compose.network=" + composeName))
                .exec());
        return found.stream().map(Network::getName).findFirst();
    }

    String logs(String service) {
        StringBuilder sb = new StringBuilder();
        for (String id : containerIds(service)) {
            sb.append(DockerApi.text(DockerApi.logLines(id, settings.commandTimeout(), settings.harness().logsMaxInMemory())));
        }
        return sb.toString();
    }

    /** Follows every container of the service from its first line; closing the result ends every follow. */
    AutoCloseable follow(String service, Consumer<String> lineConsumer) {
        List<AutoCloseable> follows = new ArrayList<>();
        for (String id : containerIds(service)) {
            follows.add(DockerApi.follow(id, lineConsumer));
        }
        return () -> {
            for (AutoCloseable f : follows) {
                f.close();
            }
        };
    }

    /** How each container ended: exit code, finish time, OOM flag, its log after the signal and in full. */
    List<StopObservation> observe(List<String> ids, Duration effectiveGrace, Instant signalledAt) {
        List<StopObservation> observations = new ArrayList<>();
        for (String id : ids) {
            InspectContainerResponse inspect = DockerApi.inspect(id);
            var state = inspect.getState();
            boolean running = Boolean.TRUE.equals(state.getRunning());
            Optional<Integer> exit = running || state.getExitCodeLong() == null
                    ? Optional.empty() : Optional.of(state.getExitCodeLong().intValue());
            Optional<Instant> finished = running ? Optional.empty() : DockerApi.instant(state.getFinishedAt());
            List<DockerApi.LogLine> lines = DockerApi.logLines(id, settings.commandTimeout(), settings.harness().logsMaxInMemory());
            String service = inspect.getConfig().getLabels().getOrDefault(DockerApi.SERVICE_LABEL, "?");
            String after = DockerApi.text(lines.stream().filter(l -> !l.at().isBefore(signalledAt)).toList());
            observations.add(new StopObservation(service, DockerApi.name(inspect), effectiveGrace, signalledAt, finished, exit,
                    Boolean.TRUE.equals(state.getOOMKilled()), after, DockerApi.text(lines)));
        }
        return observations;
    }
}
