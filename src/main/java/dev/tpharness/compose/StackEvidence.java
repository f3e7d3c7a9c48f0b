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
        List<Path> written = new ArrayList<>();
        try {
            Files.createDirectories(dir);
            StringBuilder states = new StringBuilder("project: " + project + (isolated ? " (isolated)" : " (course-faithful)") + "\n");
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
            Path stateFile = dir.resolve("state.txt");
            Files.writeString(stateFile, states, StandardCharsets.UTF_8);
            written.add(stateFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write evidence of stack " + project + " to " + dir + ": " + e.getMessage(), e);
        }
        return written;
    }

    private static String stateLine(String service, InspectContainerResponse inspect) {
        var s = inspect.getState();
        return service + " " + DockerApi.name(inspect) + ": status=" + s.getStatus() + " exitCode=" + s.getExitCodeLong()
                + " oomKilled=" + s.getOOMKilled() + " startedAt=" + s.getStartedAt() + " finishedAt=" + s.getFinishedAt();
    }
}
