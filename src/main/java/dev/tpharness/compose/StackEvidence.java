package dev.tpharness.compose;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Container;

import dev.tpharness.shutdown.StopObservation;
import dev.tpharness.shutdown.StopReport;

/** The evidence of a stack on disk: one log file per service and the state of every container. */
final class StackEvidence {

    private StackEvidence() {
    }

    /**
     * Writes {@code <service>.log} for every service and {@code state.txt} into {@code dir}.
     *
     * @return the files written
     */
    static List<Path> write(Path dir, String project, boolean isolated, List<String> services, StackSettings settings) {
        return writeInto(dir, project, isolated, (states, written) -> {
            for (String service : services) {
                Path logFile = dir.resolve(service + ".log");
                // streamed line by line: a flooding service's log never sits whole in memory
                try (BufferedWriter out = Files.newBufferedWriter(logFile, StandardCharsets.UTF_8)) {
                    for (Container c : DockerApi.containers(project, service)) {
                        InspectContainerResponse inspect = DockerApi.inspect(c.getId());
                        states.append(stateLine(service, inspect)).append('\n');
                        IOException[] failure = new IOException[1];
                        DockerApi.readLog(c.getId(), settings.commandTimeout(), line -> {
                            try {
                                if (failure[0] == null) {
                                    out.write(line.text());
                                    out.write('\n');
                                }
                            } catch (IOException e) {
                                failure[0] = e;
                            }
                        });
                        if (failure[0] != null) {
                            throw failure[0];
                        }
                    }
                }
                written.add(logFile);
            }
        });
    }

    /**
     * The evidence of a stack whose containers are gone: each service's full log and each
     * container's end as {@code down} observed them before removing it; {@code observations} null
     * when the stack went down without a report (then {@code state.txt} only, saying so).
     */
    static List<Path> writeAfterDown(Path dir, String project, boolean isolated, List<String> services,
            List<StopObservation> observations) {
        return writeInto(dir, project, isolated, (states, written) -> {
            if (observations == null) {
                states.append("the stack was taken down without a stop report (close(), or an up that failed):"
                        + " its containers and their logs were removed and are not available\n");
            } else {
                states.append("the stack is down: what follows is what down() read from the engine before removing the containers\n");
                for (String service : services) {
                    Path logFile = dir.resolve(service + ".log");
                    StringBuilder log = new StringBuilder();
                    for (StopObservation o : observations) {
                        if (o.service().equals(service)) {
                            states.append(stateLine(o)).append('\n');
                            log.append(o.fullLog());
                        }
                    }
                    Files.writeString(logFile, log, StandardCharsets.UTF_8);
                    written.add(logFile);
                }
            }
        });
    }

    /** What one kind of evidence adds: lines of {@code state.txt}, and the files it wrote. */
    private interface Evidence {
        void write(StringBuilder states, List<Path> written) throws IOException;
    }

    /** {@code dir} made, the header line, what {@code evidence} adds, then {@code state.txt}; one message for any I/O failure. */
    private static List<Path> writeInto(Path dir, String project, boolean isolated, Evidence evidence) {
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            StringBuilder states = new StringBuilder("project: " + project + (isolated ? " (isolated)" : " (course-faithful)") + "\n");
            evidence.write(states, written);
            Path stateFile = dir.resolve("state.txt");
            Files.writeString(stateFile, states, StandardCharsets.UTF_8);
            written.add(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence of stack " + project + " to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static String stateLine(StopObservation o) {
        StopReport report = StopReport.of(o);
        return o.service() + " " + o.container() + ": status=removed exitCode=" + o.exitCode().map(String::valueOf).orElse("none")
                + " oomKilled=" + o.oomKilled() + " signalledAt=" + o.signalledAt() + " finishedAt="
                + o.finishedAt().map(Object::toString).orElse("none") + " verdict=" + report.verdict();
    }

    private static String stateLine(String service, InspectContainerResponse inspect) {
        var s = inspect.getState();
        return service + " " + DockerApi.name(inspect) + ": status=" + s.getStatus() + " exitCode=" + s.getExitCodeLong()
                + " oomKilled=" + s.getOOMKilled() + " startedAt=" + s.getStartedAt() + " finishedAt=" + s.getFinishedAt();
    }
}
