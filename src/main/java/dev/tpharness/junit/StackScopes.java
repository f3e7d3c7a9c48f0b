package dev.tpharness.junit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterResolutionException;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessSettings;
import dev.tpharness.compose.OutputDirectory;
import dev.tpharness.internal.Failures;

/**
 * The stacks started for one extension context (a class or a test), kept in that context's
 * {@link ExtensionContext.Store} and closed (taken down) with it, in reverse start order.
 */
final class StackScopes {

    static final Namespace NAMESPACE = Namespace.create("dev.tpharness.junit");

    /** A started stack and who declared it. */
    record Started(Object owner, Object declarationKey, String where, ComposeStack stack) {
    }

    /**
     * What JUnit closes with its context. It is a {@code CloseableResource} because Jupiter 5.10 to
     * 5.12 close only those, and an {@code AutoCloseable} because Jupiter 6 prefers that; Jupiter
     * calls {@link #close()} once either way, and a second call would do nothing.
     */
    @SuppressWarnings("deprecation") // CloseableResource: the only kind Jupiter 5.10 closes
    static final class Scope implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        private final List<Started> stacks = Collections.synchronizedList(new ArrayList<>());
        private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

        List<Started> stacks() {
            synchronized (stacks) {
                return List.copyOf(stacks);
            }
        }

        @Override
        public void close() {
            if (!closed.compareAndSet(false, true)) {
                return;
            }
            List<Started> reversed = new ArrayList<>(stacks());
            Collections.reverse(reversed);
            RuntimeException failure = null;
            for (Started s : reversed) {
                try {
                    s.stack().close();
                } catch (RuntimeException e) {
                    if (failure == null) {
                        failure = e;
                    } else {
                        failure.addSuppressed(e);
                    }
                }
            }
            if (failure != null) {
                throw failure;
            }
        }
    }

    private record ScopeKey(String uniqueId) {
    }

    private StackScopes() {
    }

    /**
     * {@code getOrComputeIfAbsent} is the method both Jupiter lines have (6.0 deprecates it in
     * favour of {@code computeIfAbsent}, which 5.x lacks).
     */
    @SuppressWarnings("deprecation")
    static Started start(ExtensionContext context, Object owner, Object declarationKey, StackDeclaration declaration) {
        Scope scope = context.getStore(NAMESPACE).getOrComputeIfAbsent(new ScopeKey(context.getUniqueId()), k -> new Scope(), Scope.class);
        Started started = new Started(owner, declarationKey, declaration.where(), declaration.start(settings(context)));
        scope.stacks.add(started);
        return started;
    }

    /**
     * The harness settings of this JUnit run, read once (kept in the root context's store): JUnit
     * configuration parameters, which themselves fall back to system properties and
     * {@code junit-platform.properties}. The run's stacks use them even when an earlier run in the
     * same JVM read other settings first; they also become the JVM's {@link HarnessSettings#current()}
     * unless something read those first.
     */
    @SuppressWarnings("deprecation") // getOrComputeIfAbsent: see start(...)
    static HarnessSettings settings(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(HarnessSettings.class,
                k -> {
                    HarnessSettings run = HarnessSettings.from(context::getConfigurationParameter);
                    HarnessSettings.useIfFirst(run); // for code that reads current(); this run's stacks use its own
                    return run;
                }, HarnessSettings.class);
    }

    /** Stacks of exactly this context (not its parents). */
    static List<Started> local(ExtensionContext context) {
        Scope scope = context.getStore(NAMESPACE).get(new ScopeKey(context.getUniqueId()), Scope.class);
        return scope == null ? List.of() : scope.stacks();
    }

    /** Every stack visible from the context: its own, then its parents' (a class's, an enclosing class's). */
    static List<Started> visible(ExtensionContext context) {
        List<Started> all = new ArrayList<>();
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            all.addAll(local(c.get()));
        }
        return all;
    }

    static Optional<Started> find(ExtensionContext context, Object declarationKey) {
        return visible(context).stream().filter(s -> s.declarationKey().equals(declarationKey)).findFirst();
    }

    /** The stacks of the nearest scope that has any: these compete for a ComposeStack parameter. */
    static List<Started> nearest(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            List<Started> local = local(c.get());
            if (!local.isEmpty()) {
                return local;
            }
        }
        return List.of();
    }

    static boolean supports(ExtensionContext context, Object owner) {
        List<Started> nearest = nearest(context);
        return !nearest.isEmpty() && nearest.get(0).owner() == owner;
    }

    static ComposeStack resolve(ExtensionContext context) {
        List<Started> nearest = nearest(context);
        if (nearest.size() > 1) {
            throw new ParameterResolutionException("A ComposeStack parameter is ambiguous: " + nearest.size()
                    + " stacks are in scope (" + nearest.stream().map(Started::where).toList() + "). To fix, declare each stack"
                    + " on its own ComposeStack field (e.g. @DockerCompose(file = ...) static ComposeStack server;) and use the fields.");
        }
        return nearest.get(0).stack();
    }

    /**
     * Writes the evidence of the owner's visible stacks and returns the throwable to rethrow: the
     * same failure with the evidence folder in its message (assertion errors keep their type,
     * expected and actual values), or, for other exceptions, the original with a suppressed note.
     */
    static Throwable withEvidence(ExtensionContext context, Object owner, Throwable failure) {
        List<Started> mine = visible(context).stream().filter(s -> s.owner() == owner).toList();
        if (mine.isEmpty()) {
            return failure;
        }
        Path dir = OutputDirectory.resolve(settings(context)).resolve(testFolder(context));
        StringBuilder note = new StringBuilder();
        for (Started s : mine) {
            Path target = mine.size() == 1 ? dir : dir.resolve(s.stack().project());
            try {
                boolean logs = s.stack().writeEvidence(target).stream().anyMatch(p -> p.getFileName().toString().endsWith(".log"));
                note.append("\n[tp-harness] ").append(logs ? "logs and state" : "state (no logs: it was taken down without a stop report)")
                        .append(" of stack ").append(s.stack().project()).append(" (").append(s.where())
                        .append(") written to ").append(target);
            } catch (RuntimeException e) {
                note.append("\n[tp-harness] could not write the logs of stack ").append(s.stack().project()).append(": ").append(e);
            }
        }
        return annotate(failure, note.toString());
    }

    static Throwable annotate(Throwable failure, String note) {
        return Failures.withNote(failure, note);
    }

    static String testFolder(ExtensionContext context) {
        String cls = context.getTestClass().map(Class::getName).orElse("tests");
        String test = context.getTestMethod().isPresent() ? "." + context.getDisplayName() : "";
        String raw = cls + test;
        String safe = raw.replaceAll("[^A-Za-z0-9._$-]+", "_");
        return safe.length() > 150 ? safe.substring(0, 150) : safe;
    }
}
