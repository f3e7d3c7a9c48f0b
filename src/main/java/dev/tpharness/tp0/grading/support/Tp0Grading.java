package dev.tpharness.tp0.grading.support;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.HarnessLabels;
import dev.tpharness.internal.FileTrees;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ExtensionContext.Namespace;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestExecutionExceptionHandler;

/**
 * Gives exercise tests a {@link Tp0Workspace}: the exercise comes from the class's {@code ej<N>}
 * tag, the graded repository from the {@code tp0.repo} configuration parameter (or system
 * property). After each test its stacks are taken down; when it failed, their logs and states are
 * written first to {@code target/tp-harness/<exercise>/<test>/} and the failure message says so.
 */
public final class Tp0Grading implements ParameterResolver, AfterEachCallback, TestExecutionExceptionHandler {

    private static final Namespace NS = Namespace.create(Tp0Grading.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Tp0Workspace.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        String exercise = exercise(context);
        Tp0Target target = target(context);
        Checkout checkout = target.checkout(exercise);
        // for the report (read by its listener, per launcher run: no global state): what was graded
        context.publishReportEntry(Map.of(Tp0Target.DESCRIPTION_ENTRY, target.describe(),
                Tp0Target.SOURCE_ENTRY_PREFIX + exercise, checkout.gradedOn()));
        Path dir = target.workRoot().resolve("tests").resolve(exercise).resolve(safe(context.getUniqueId()));
        Tp0Workspace.Options options = options(context);
        if (!options.rebuildImages()) {
            Tp0Images.start(checkout, options.pullTimeout());
        }
        Tp0Workspace ws = new Tp0Workspace(checkout, checkout.copyTo(dir), options);
        context.getStore(NS).put(Tp0Workspace.class, ws);
        return ws;
    }

    @Override
    public void handleTestExecutionException(ExtensionContext context, Throwable failure) throws Throwable {
        Tp0Workspace ws = context.getStore(NS).get(Tp0Workspace.class, Tp0Workspace.class);
        if (ws == null || ws.stacks().isEmpty()) {
            throw failure;
        }
        throw ws.withEvidence(ws.evidenceRoot().resolve(ws.exercise())
                .resolve(safe(context.getRequiredTestClass().getSimpleName() + "." + context.getDisplayName())), failure);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        Tp0Workspace ws = context.getStore(NS).remove(Tp0Workspace.class, Tp0Workspace.class);
        if (ws == null) {
            return;
        }
        RuntimeException cleanup = null;
        for (ComposeStack stack : ws.stacks()) {
            try {
                stack.close(); // every stack, even when one fails to go down; JUnit adds the failure to the check's own as suppressed
            } catch (RuntimeException e) {
                if (cleanup == null) {
                    cleanup = e;
                } else {
                    cleanup.addSuppressed(e);
                }
            }
        }
        if (cleanup != null) {
            throw cleanup;
        }
        if (context.getExecutionException().isEmpty()) {
            FileTrees.deleteQuietly(ws.dir()); // a leftover work folder is harmless
        }
    }

    static String exercise(ExtensionContext context) {
        for (Optional<ExtensionContext> c = Optional.of(context); c.isPresent(); c = c.get().getParent()) {
            for (String tag : c.get().getTags()) {
                if (tag.matches("ej\\d+")) {
                    return tag;
                }
            }
        }
        throw new org.junit.jupiter.api.extension.ExtensionConfigurationException("@ExtendWith(Tp0Grading.class) on "
                + context.getRequiredTestClass().getName() + ": the class needs an exercise tag such as @Tag(\"ej1\")");
    }

    /**
     * Configuration parameter (or system property): the folder of this run's evidence (logs of failed
     * checks) and work copies. Default {@code tp.harness.outputDir}, else {@code <project>/target/tp-harness}.
     * The grader gives every graded repository its own.
     */
    public static final String OUTPUT_DIR_PARAMETER = "tp0.outputDir";

    /** The run's settings, read from its configuration parameters (system properties are the fallback). */
    static Tp0Workspace.Options options(ExtensionContext context) {
        return new Tp0Workspace.Options(duration(context, Tp0Workspace.SCRIPT_TIMEOUT_PARAMETER, Tp0Workspace.SCRIPT_TIMEOUT),
                flag(context, Tp0Images.REBUILD_PER_TEST), flag(context, Tp0Workspace.PROBE_PER_MESSAGE),
                duration(context, Tp0Images.PULL_TIMEOUT_PARAMETER, Tp0Images.PULL_TIMEOUT), outputDir(context));
    }

    static Path outputDir(ExtensionContext context) {
        return context.getConfigurationParameter(OUTPUT_DIR_PARAMETER).filter(v -> !v.isBlank())
                .or(() -> context.getConfigurationParameter("tp.harness.outputDir").filter(v -> !v.isBlank()))
                .map(v -> Path.of(v.strip()).toAbsolutePath().normalize())
                .orElseGet(() -> projectRoot().resolve("target/tp-harness"));
    }

    /** A positive duration from a configuration parameter (system properties are the fallback), read by the one value parser. */
    static java.time.Duration duration(ExtensionContext context, String name, java.time.Duration fallback) {
        Optional<String> setting = context.getConfigurationParameter(name);
        if (setting.isEmpty() || setting.get().isBlank()) {
            return fallback;
        }
        java.time.Duration d;
        try {
            d = dev.tpharness.internal.Values.duration(setting.get(), "-D" + name);
        } catch (IllegalArgumentException e) {
            throw new ParameterResolutionException(e.getMessage()); // the message says it all: no cause to print it twice
        }
        if (d.isZero()) {
            throw new ParameterResolutionException("-D" + name + "=" + setting.get() + " must be positive; use e.g. 30s, 2m or PT30S");
        }
        return d;
    }

    static Tp0Target target(ExtensionContext context) {
        Optional<String> repo = context.getConfigurationParameter(Tp0Target.REPO_PARAMETER);
        ExtensionContext.Store root = context.getRoot().getStore(NS);
        String key = "target:" + repo.orElse("");
        Object cached = root.getOrComputeIfAbsent(key, k -> {
            try {
                return Tp0Target.resolve(repo, projectRoot(), work(context));
            } catch (Tp0TargetException e) {
                return e;
            }
        });
        if (cached instanceof Tp0TargetException e) {
            throw new ParameterResolutionException(e.getMessage(), e);
        }
        return (Tp0Target) cached;
    }

    /** A boolean configuration parameter (system properties are the fallback); false unless "true". */
    static boolean flag(ExtensionContext context, String name) {
        return context.getConfigurationParameter(name).map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
    }

    /** This project's folder (system property {@code tp.project.root}, else the working directory). */
    public static Path projectRoot() {
        return dev.tpharness.grading.GradeMain.projectRoot();
    }

    private static Path work(ExtensionContext context) {
        return outputDir(context).resolve("work").resolve(HarnessLabels.runId());
    }

    private static String safe(String s) {
        return s.replaceAll("[^A-Za-z0-9._=-]+", "_").replaceAll("_+", "_");
    }
}
