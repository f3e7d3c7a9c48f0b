package dev.tpharness.compose;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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

    /** How long a follow that ended waits for the engine to record its container's exit. */
    private static final Duration EXIT_RECORD_WAIT = Duration.ofSeconds(10);

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
        return follow(service, lineConsumer, why -> { });
    }

    /**
     * {@link #follow(String, Consumer)}, calling {@code onExited} with a description of how the
     * containers ended ("exited with code 3 at ...") once every follow has ended because its
     * container stopped (and none is running or restarting: a restarting one may log again).
     */
    AutoCloseable follow(String service, Consumer<String> lineConsumer, Consumer<String> onExited) {
        List<String> ids = containerIds(service);
        if (ids.isEmpty()) {
            onExited.accept("service " + service + " has no containers (is the stack up? a stack taken down stays down)");
            return () -> { };
        }
        java.util.concurrent.atomic.AtomicInteger open = new java.util.concurrent.atomic.AtomicInteger(ids.size());
        Runnable oneEnded = () -> {
            if (open.decrementAndGet() == 0) {
                // off the Docker client's callback thread: reading the exit may wait for the engine to record it
                Thread t = new Thread(() -> exitDescription(service, ids).ifPresent(onExited), "tp-harness-log-end-" + service);
                t.setDaemon(true);
                t.start();
            }
        };
        List<AutoCloseable> follows = new ArrayList<>();
        for (String id : ids) {
            follows.add(DockerApi.follow(id, lineConsumer, oneEnded));
        }
        return () -> {
            for (AutoCloseable f : follows) {
                f.close();
            }
        };
    }

    /** How the containers ended, e.g. {@code service client1 exited (container x: code 3 at T)}; empty while one still runs or restarts. */
    private Optional<String> exitDescription(String service, List<String> ids) {
        List<String> ends = new ArrayList<>();
        for (String id : ids) {
            InspectContainerResponse inspect;
            try {
                inspect = DockerApi.inspect(id);
            } catch (RuntimeException e) {
                return Optional.empty(); // removed or unreachable: nothing certain to say, the await keeps its timeout
            }
            var st = inspect.getState();
            if (Boolean.TRUE.equals(st.getRunning()) && !Boolean.TRUE.equals(st.getRestarting())) {
                // the log stream closes when the process's output does, a moment before the engine records the
                // exit: wait for that record (the engine's own wait, bounded), then read the state again
                if (!DockerApi.awaitStopped(id, EXIT_RECORD_WAIT)) {
                    return Optional.empty();
                }
                try {
                    inspect = DockerApi.inspect(id);
                } catch (RuntimeException e) {
                    return Optional.empty();
                }
                st = inspect.getState();
            }
            if (Boolean.TRUE.equals(st.getRunning()) || Boolean.TRUE.equals(st.getRestarting()) || st.getExitCodeLong() == null) {
                return Optional.empty();
            }
            ends.add(DockerApi.name(inspect) + ": code " + st.getExitCodeLong()
                    + DockerApi.instant(st.getFinishedAt()).map(t -> " at " + t).orElse("")
                    + (Boolean.TRUE.equals(st.getOOMKilled()) ? ", OOM-killed" : ""));
        }
        return Optional.of("service " + service + " exited (" + String.join("; ", ends) + ")");
    }

    /**
     * Stops the containers all at once through the Docker API (SIGTERM, SIGKILL after {@code grace},
     * as {@code compose stop -t} does) and returns, per container, when its signal was sent: just
     * before its stop request, which the engine answers by signalling at once. (Timing
     * {@code compose stop} instead would count as "after the signal" what a container logs while
     * the compose CLI starts, 0.1-1 s.) Returns when every container has stopped.
     */
    Map<String, Instant> stopAll(List<String> ids, Duration grace, Duration bound) {
        int seconds = (int) Math.min(Integer.MAX_VALUE, (grace.toMillis() + 999) / 1000);
        Map<String, Instant> signalled = new java.util.concurrent.ConcurrentHashMap<>();
        List<java.util.concurrent.CompletableFuture<Void>> stops = new ArrayList<>();
        for (String id : ids) {
            stops.add(java.util.concurrent.CompletableFuture.runAsync(() -> {
                signalled.put(id, Instant.now());
                dev.tpharness.internal.DockerEngine.bounded("stop container " + id + " (grace " + seconds + " s)", bound, () -> {
                    try {
                        DockerApi.client().stopContainerCmd(id).withTimeout(seconds).exec();
                    } catch (com.github.dockerjava.api.exception.NotModifiedException e) {
                        // it had exited already
                    }
                    return null;
                });
            }, task -> {
                Thread t = new Thread(task, "tp-harness-stop");
                t.setDaemon(true);
                t.start();
            }));
        }
        try {
            java.util.concurrent.CompletableFuture.allOf(stops.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
        return Map.copyOf(signalled);
    }

    /**
     * {@link #stopAll} with {@code afterSignal} run (in this thread) as soon as the engine has
     * signalled every container that was running (its {@code kill} event, read from the engine's
     * event stream, which is subscribed to before the stop requests go out), and while their grace
     * runs: SIGKILL still comes at each container's own signal time plus {@code grace}. When the
     * events do not come within {@code bound}, or the containers stop first, {@code afterSignal}
     * runs then. What it throws is rethrown once the containers have stopped.
     */
    Map<String, Instant> signalThenStop(List<String> ids, Duration grace, Duration bound, Runnable afterSignal) {
        java.util.Set<String> running = new java.util.HashSet<>();
        for (String id : ids) {
            if (Boolean.TRUE.equals(DockerApi.inspect(id).getState().getRunning())) {
                running.add(id);
            }
        }
        java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.CompletableFuture<Void> delivered = new java.util.concurrent.CompletableFuture<>();
        if (running.isEmpty()) {
            delivered.complete(null);
        }
        var events = new com.github.dockerjava.api.async.ResultCallback.Adapter<com.github.dockerjava.api.model.Event>() {
            @Override
            public void onNext(com.github.dockerjava.api.model.Event event) {
                String signal = event.getActor() == null || event.getActor().getAttributes() == null ? ""
                        : event.getActor().getAttributes().getOrDefault("signal", "");
                if (event.getId() != null && running.contains(event.getId()) && !signal.equals("9") && seen.add(event.getId())
                        && seen.containsAll(running)) {
                    delivered.complete(null);
                }
            }
        };
        Throwable failed = null;
        Map<String, Instant> signalled;
        // since a second back: the engine replays what it sent since then, so no event is missed
        try (events) {
            if (!running.isEmpty()) {
                DockerApi.client().eventsCmd().withSince(Long.toString(Instant.now().getEpochSecond() - 1)).withEventFilter("kill")
                        .withContainerFilter(running.toArray(String[]::new)).exec(events);
            }
            java.util.concurrent.CompletableFuture<Map<String, Instant>> stopping = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> stopAll(ids, grace, bound.plus(grace)), task -> {
                        Thread t = new Thread(task, "tp-harness-stop-then");
                        t.setDaemon(true);
                        t.start();
                    });
            try {
                java.util.concurrent.CompletableFuture.anyOf(delivered, stopping).get(bound.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
                // no event in time, or the stop failed (its own error follows): act now
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            try {
                afterSignal.run();
            } catch (RuntimeException | Error e) {
                failed = e;
            }
            try {
                signalled = stopping.join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof RuntimeException re) {
                    throw re;
                }
                throw e;
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot close the engine's event stream", e);
        }
        if (failed instanceof RuntimeException re) {
            throw re;
        }
        if (failed instanceof Error er) {
            throw er;
        }
        return signalled;
    }

    /** How each container ended: exit code, finish time, OOM flag, its log after the signal and in full. */
    List<StopObservation> observe(List<String> ids, Duration effectiveGrace, Instant signalledAt) {
        return observe(ids, effectiveGrace, Map.of(), signalledAt);
    }

    /** The same, with each container's own signal time where known ({@code signalledAt} for the others). */
    List<StopObservation> observe(List<String> ids, Duration effectiveGrace, Map<String, Instant> signals, Instant otherwise) {
        List<StopObservation> observations = new ArrayList<>();
        for (String id : ids) {
            Instant signalledAt = signals.getOrDefault(id, otherwise);
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
