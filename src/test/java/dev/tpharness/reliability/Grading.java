package dev.tpharness.reliability;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

import dev.tpharness.internal.Command;
import dev.tpharness.grading.report.GradeReportListener;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** Runs exercise suites in this JVM (JUnit Launcher) against a repository and collects every check's outcome. */
final class Grading {

    /** Outcome of every check: display path -> null when it passed, else the failure message. */
    record Outcome(Map<String, String> passed, Map<String, String> failed, java.util.Set<String> aborted) {
    }

    private Grading() {
    }

    /**
     * @param classNames e.g. {@code dev.tpharness.tp0.grading.Ej1Checks} or a nested {@code ...Ej1Checks$Generator}
     * @param parameters extra configuration parameters (e.g. {@code tp0.scriptTimeout})
     */
    static Outcome run(Path repo, Path reportDir, Map<String, String> parameters, String... classNames) {
        Map<String, String> passed = new TreeMap<>();
        Map<String, String> failed = new TreeMap<>();
        java.util.Set<String> aborted = new java.util.TreeSet<>();
        TestExecutionListener collect = new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier id, TestExecutionResult result) {
                String name = id.getUniqueId().replaceAll("\\[engine:junit-jupiter]/|\\[class:dev\\.tpharness\\.tp0\\.grading\\.", "")
                        .replaceAll("\\[(nested-class|method|test-template|test-template-invocation):", "[") + " " + id.getDisplayName();
                String message = result.getThrowable().map(t -> String.valueOf(t.getMessage())).orElse("");
                synchronized (failed) {
                    if (result.getStatus() == TestExecutionResult.Status.SUCCESSFUL) {
                        if (id.isTest()) {
                            passed.put(name, "");
                        }
                    } else {
                        failed.put(id.isTest() ? name : "(container) " + name, message);
                        if (id.isTest() && result.getStatus() == TestExecutionResult.Status.ABORTED) {
                            aborted.add(name);
                        }
                    }
                }
            }
        };
        var request = LauncherDiscoveryRequestBuilder.request()
                .selectors(java.util.Arrays.stream(classNames).map(c -> selectClass(c)).toList())
                .configurationParameter(dev.tpharness.tp0.grading.support.Tp0Target.REPO_PARAMETER, repo.toString())
                .configurationParameter(GradeReportListener.REPORT_FILE, reportDir.resolve("report.md").toString())
                .configurationParameter(GradeReportListener.REPORT_LABEL, "[reliability]")
                .configurationParameters(parameters)
                .build();
        LauncherFactory.create().execute(request, collect);
        return new Outcome(passed, failed, aborted);
    }

    /** Commits {@code file} with {@code content} on branch {@code branch} of a fixture repository (other branches unchanged). */
    static void commitOnBranch(Path repo, String branch, String file, String content, boolean executable) throws Exception {
        git(repo, "checkout", "-q", branch);
        Path f = repo.resolve(file);
        java.nio.file.Files.createDirectories(f.getParent());
        java.nio.file.Files.writeString(f, content);
        f.toFile().setExecutable(executable);
        git(repo, "add", "-A");
        git(repo, "commit", "-q", "--no-verify", "-m", "reliability fixture: " + file + " on " + branch);
        git(repo, "checkout", "-q", "main");
    }

    private static void git(Path repo, String... args) {
        String[] argv = new String[args.length + 7];
        System.arraycopy(new String[] {"git", "-c", "user.name=tp-harness reliability", "-c", "user.email=rel@tp-harness.invalid",
            "-c", "commit.gpgsign=false"}, 0, argv, 0, 7);
        System.arraycopy(args, 0, argv, 7, args.length);
        Command.of(argv).in(repo).run().requireSuccess();
    }
}
