package dev.tpharness.grading.batch;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.internal.FileTrees;
import dev.tpharness.grading.Assignment;
import dev.tpharness.grading.Exercise;
import dev.tpharness.grading.report.GradeReport;
import dev.tpharness.grading.report.GradeReportListener;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * Grades repositories with an {@link Assignment}'s exercise suites, each in a launcher run of its own, a bounded
 * number at once, in one JVM (so images of the same content are built once for everyone). Each
 * repository gets its own folder {@code <out>/<name>/}: {@code result.json}, {@code report.md},
 * {@code junit.xml}, {@code evidence/} (logs of failed checks) and, for a git URL, the clone
 * (removed at the end). Whatever one repository does (missing, not a repository, not cloneable,
 * a broken build, a grader error) ends as that repository's result; the others go on.
 */
public final class ClassGrading {

    /** Marks a folder as written by the grader: only such folders are ever replaced. */
    static final String MARKER = ".tp-harness-grading";
    /** The marker earlier versions wrote: their folders are the grader's too. */
    static final String OLD_MARKER = ".tp0-grading";

    private static final Duration CLONE_TIMEOUT = Duration.ofMinutes(5);

    /**
     * How to grade.
     *
     * @param assignment what is graded
     * @param exercises  which of the assignment's exercises, in its order
     * @param jobs       repositories graded at once
     * @param out        the class folder: one folder per repository, the class report
     * @param parameters more configuration parameters for every run (e.g. {@code tp.docker.pullTimeout})
     * @param console    {@code checks}: a line per check (one repository); {@code exercises}: a line per
     *                   exercise (a class)
     */
    public record Settings(Assignment assignment, List<String> exercises, boolean strict, int jobs, Path out, Map<String, String> parameters,
            String console) {

        public Settings {
            java.util.Objects.requireNonNull(assignment, "assignment");
            List<String> known = assignment.exerciseNames();
            for (String e : exercises) {
                if (!known.contains(e)) {
                    throw new IllegalArgumentException("unknown exercise '" + e + "' of assignment " + assignment.name() + " (use "
                            + String.join(", ", known) + ")");
                }
            }
            exercises = known.stream().filter(exercises::contains).toList(); // in the assignment's order
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be 1 or more, was " + jobs);
            }
            out = out.toAbsolutePath().normalize();
            parameters = Map.copyOf(parameters);
        }
    }

    /**
     * Set when the JVM begins to shut down (Ctrl-C, SIGTERM): the checks still running then fail
     * because their stacks are being removed, which says nothing about the student.
     */
    private static final java.util.concurrent.atomic.AtomicBoolean STOPPING = new java.util.concurrent.atomic.AtomicBoolean();

    /** The gradings under way: at shutdown each gets an ERROR result saying it was interrupted. */
    private static final Map<Path, Runnable> IN_FLIGHT = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * How long the shutdown hook lets gradings under way end by themselves (their checks fail fast
     * once the harness's own hook removes their stacks) so that each writes its interrupted result
     * last, after the reports its run was writing; those still under way then get it from the hook.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(20);

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            STOPPING.set(true);
            long deadline = System.nanoTime() + STOP_WAIT.toNanos();
            synchronized (IN_FLIGHT) {
                long left;
                while (!IN_FLIGHT.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                    try {
                        IN_FLIGHT.wait(Math.max(1, left / 1_000_000));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
                IN_FLIGHT.values().forEach(Runnable::run);
            }
        }, "tp-grading-stopping"));
    }

    private final Settings settings;
    private final PrintStream console;

    public ClassGrading(Settings settings, PrintStream console) {
        this.settings = settings;
        this.console = console;
    }

    /** How this grading grades. */
    public Settings settings() {
        return settings;
    }

    /**
     * Grades every repository and returns their results in the given order; each result is also in
     * {@code <out>/<name>/result.json}.
     */
    public List<StudentResult> grade(List<Student> students) {
        checkExercises(students);
        checkFolders(students);
        int jobs = Math.min(settings.jobs(), students.size());
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(jobs, r -> {
            Thread t = new Thread(r, "tp-grading");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<StudentResult>> futures = new ArrayList<>();
            for (Student s : students) {
                futures.add(pool.submit(() -> {
                    StudentResult r = gradeOne(s);
                    if (students.size() > 1) {
                        console.printf(Locale.ROOT, "[%d/%d] %s: %s (%.1f s)%n", done.incrementAndGet(), students.size(), s.name(), r.headline(),
                                r.seconds());
                        console.flush();
                    }
                    return r;
                }));
            }
            List<StudentResult> results = new ArrayList<>();
            for (Future<StudentResult> f : futures) {
                results.add(f.get());
            }
            return results;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while grading", e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("grading broke: " + e.getCause(), e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Refuses to start (an {@link IllegalArgumentException} saying why) when a repository names
     * exercises of its own (a class file's third field) that the assignment does not have.
     */
    public void checkExercises(List<Student> students) {
        List<String> known = settings.assignment().exerciseNames();
        for (Student s : students) {
            List<String> unknown = s.exercises().stream().filter(e -> !known.contains(e)).toList();
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException(s.name() + ": " + String.join(", ", unknown) + (unknown.size() == 1 ? " is not an exercise" : " are not exercises")
                        + " of " + settings.assignment().name() + " (" + String.join(", ", known) + "); a class file's third field names"
                        + " exercises, separated by commas (a path with spaces cannot be given there: use a link or a path without them)");
            }
        }
    }

    /** The exercises graded in {@code s}: its own (a class file's third field) in the assignment's order, else the run's. */
    public List<String> exercisesOf(Student s) {
        return s.exercises().isEmpty() ? settings.exercises()
                : settings.assignment().exerciseNames().stream().filter(s.exercises()::contains).toList();
    }

    /** The folder of one repository's results. */
    public Path folder(Student s) {
        return settings.out().resolve(s.name());
    }

    /**
     * Refuses to start (an {@link IllegalArgumentException} saying why) when a repository's results
     * folder exists and was not written by the grader, or when the results and a graded folder
     * overlap: the grader replaces its results folders and never writes into a graded repository.
     */
    public void checkFolders(List<Student> students) {
        Path out = settings.out();
        if (Files.exists(out) && !Files.isDirectory(out)) {
            throw new IllegalArgumentException(out + " is a file, not a folder: give --out a folder (it is made if missing)");
        }
        Path realOut = real(out);
        for (Student s : students) {
            Path dir = folder(s);
            if (Files.exists(dir) && !Files.exists(dir.resolve(MARKER)) && !Files.exists(dir.resolve(OLD_MARKER)) && !isEmptyFolder(dir)) {
                throw new IllegalArgumentException(dir + " exists and was not written by the grader; choose another --out folder"
                        + " (the grader replaces only folders it made)");
            }
            if (s.source().isEmpty() || s.isGitUrl()) {
                continue;
            }
            Path repo = real(Path.of(s.source()));
            if (realOut.startsWith(repo)) {
                throw new IllegalArgumentException("the results folder " + out + " is inside the graded repository " + repo
                        + "; choose an --out outside it (the grader never writes into a repository it grades)");
            }
            if (repo.startsWith(real(dir))) {
                throw new IllegalArgumentException("the graded repository " + repo + " is inside its results folder " + dir
                        + ", which the grader replaces; choose another --out folder");
            }
        }
    }

    /** The path with symbolic links resolved as far as it exists (so that two names of one folder compare equal). */
    private static Path real(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path existing = abs;
        while (existing != null && !Files.exists(existing)) {
            existing = existing.getParent();
        }
        if (existing == null) {
            return abs;
        }
        try {
            return existing.toRealPath().resolve(existing.relativize(abs));
        } catch (IOException e) {
            return abs;
        }
    }

    /** Grades one repository; never throws: what goes wrong becomes its result. */
    public StudentResult gradeOne(Student s) {
        Instant started = Instant.now();
        long t0 = System.nanoTime();
        Path dir = folder(s);
        StudentResult result;
        try {
            reset(dir);
            IN_FLIGHT.put(dir, () -> write(interrupted(s, started, Duration.ofNanos(System.nanoTime() - t0)), dir));
            if (settings.console().equals("exercises")) {
                console.println("[" + s.name() + "] grading " + (s.source().isEmpty() ? reference() : s.source()));
                console.flush();
            }
            Path repo = locate(s, dir);
            GradeReportListener listener = new GradeReportListener(console);
            execute(request(s, repo, dir).build(), listener);
            Duration took = Duration.ofNanos(System.nanoTime() - t0);
            GradeReport report = listener.report().orElse(null);
            if (report == null) {
                result = StudentResult.error(s, started, took, settings.strict(), "no check ran (the suites could not start: see the console)");
            } else {
                result = StudentResult.of(s, repo == null ? reference() : repo.toString(), started, took, report, listener.gradedOn());
            }
        } catch (RuntimeException | Error e) {
            if (e instanceof VirtualMachineError vme && !(e instanceof OutOfMemoryError)) {
                throw vme;
            }
            // a repository that cannot be graded says what is wrong with it; anything else is the grader's own fault
            String why = e instanceof IllegalArgumentException ? e.getMessage()
                    : "the grader broke on this repository (please report it): " + e;
            result = StudentResult.error(s, started, Duration.ofNanos(System.nanoTime() - t0), settings.strict(), why);
        }
        FileTrees.deleteQuietly(dir.resolve("repo"));
        FileTrees.deleteQuietly(dir.resolve("run").resolve("work"));
        result = result.forAssignment(settings.assignment().name(), settings.assignment().title());
        synchronized (IN_FLIGHT) {
            IN_FLIGHT.remove(dir);
            if (STOPPING.get()) {
                // the checks that ended after the stop failed because their stacks were being removed
                result = interrupted(s, started, Duration.ofNanos(System.nanoTime() - t0));
            }
            write(result, dir);
            IN_FLIGHT.notifyAll();
        }
        return result;
    }

    private String reference() {
        return settings.assignment().reference().orElse("no repository");
    }

    private static void write(StudentResult result, Path dir) {
        if (StudentResult.ERROR.equals(result.verdict())) {
            // every results folder has its report and exit code; a report of checks that ran before
            // an interruption would contradict the result, so it is replaced too
            try {
                Files.writeString(dir.resolve("report.md"), "# " + result.name() + ": NOT GRADED\n\n" + result.error()
                        + "\n\nSource: " + (result.source().isEmpty() ? "no repository (the assignment's own reference)" : result.source()) + "\n");
                Files.writeString(dir.resolve("exit-code"), result.exitCode() + "\n");
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write into " + dir + ": " + e.getMessage(), e);
            }
        }
        result.write(dir.resolve("result.json"));
        JUnitXml.write(result, dir.resolve("junit.xml"));
    }

    /** The result of a grading cut off by the grader's own end: never the checks' verdicts, which the cut-off decided. */
    StudentResult interrupted(Student s, Instant started, Duration took) {
        return StudentResult.error(s, started, took, settings.strict(),
                "the grading was interrupted (Ctrl-C, or the machine stopping) before it ended: grade this repository again")
                .forAssignment(settings.assignment().name(), settings.assignment().title());
    }

    private LauncherDiscoveryRequestBuilder request(Student s, Path repo, Path dir) {
        LauncherDiscoveryRequestBuilder b = LauncherDiscoveryRequestBuilder.request()
                .selectors(exercisesOf(s).stream().map(e -> selectClass(suite(e))).toList())
                // the suites' classes run concurrently (their stacks are isolated), everything else in order
                .configurationParameter("junit.jupiter.execution.parallel.enabled", "true")
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.mode.classes.default", "same_thread")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "4")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.max-pool-size", "8")
                .configurationParameter("junit.jupiter.execution.parallel.config.executor-service", "FORK_JOIN_POOL")
                .configurationParameter(GradeReportListener.REPORT_FILE, dir.resolve("report.md").toString())
                .configurationParameter(GradeReportListener.TITLE, settings.assignment().title())
                .configurationParameter(GradeReportListener.EXERCISES, String.join(",", settings.assignment().exerciseNames()))
                .configurationParameter(GradeReportListener.EXIT_CODE_FILE, dir.resolve("exit-code").toString())
                .configurationParameter(GradeReportListener.STRICT, Boolean.toString(settings.strict()))
                .configurationParameter(GradeReportListener.CONSOLE, settings.console())
                .configurationParameter(GradeReportListener.REPORT_LABEL, settings.console().equals("checks") ? "" : "[" + s.name() + "]");
        settings.assignment().parameters(java.util.Optional.ofNullable(repo), dir.resolve("run")).forEach(b::configurationParameter);
        settings.parameters().forEach(b::configurationParameter);
        return b;
    }

    private Class<?> suite(String exercise) {
        return settings.assignment().exercise(exercise).map(Exercise::suite).orElseThrow();
    }

    /**
     * Runs the suites with the assignment's class loader as the context loader: an assignment added
     * from its own jar finds its own resources and services.
     */
    private void execute(org.junit.platform.launcher.LauncherDiscoveryRequest request, GradeReportListener listener) {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(settings.assignment().getClass().getClassLoader());
        try {
            launcher().execute(request, listener);
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Listeners are given explicitly: one registered through a service file (a test classpath) must not report twice. */
    private static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder().enableTestExecutionListenerAutoRegistration(false).build());
    }

    /**
     * The folder to grade: the given one, a fresh clone of the URL, or null for the reference
     * solution; either folder has passed the assignment's {@link Assignment#checkGradable} check.
     */
    private Path locate(Student s, Path dir) {
        if (s.source().isEmpty()) {
            if (settings.assignment().reference().isEmpty()) {
                throw new IllegalArgumentException("assignment " + settings.assignment().name() + " has no reference solution: give a repository");
            }
            return null;
        }
        Path path;
        if (s.isGitUrl()) {
            path = dir.resolve("repo");
            CommandResult r = Command.of("git", "clone", "--quiet", "--no-tags", "--", s.source(), path.toString())
                    .withEnv("GIT_TERMINAL_PROMPT", "0").withEnv("GIT_ASKPASS", "/bin/false")
                    .withTimeout(CLONE_TIMEOUT).run();
            if (r.exitCode() != 0 || r.timedOut()) {
                throw new IllegalArgumentException("cannot clone " + s.source() + ": " + r.describe());
            }
        } else {
            path = Path.of(s.source()).toAbsolutePath().normalize();
            if (!Files.isDirectory(path)) {
                throw new IllegalArgumentException(path + (Files.exists(path) ? " is not a folder" : " does not exist")
                        + " (give the folder of a repository of " + settings.assignment().name() + ", or a git URL)");
            }
        }
        // the suites would fail every check on it: say once that it cannot be graded (a clone too:
        // cloning proves it is a git repository, not that it is one of this assignment)
        settings.assignment().checkGradable(path, dir.resolve("run"));
        return path;
    }

    private static void reset(Path dir) {
        FileTrees.deleteQuietly(dir);
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(MARKER), "written by the tp-harness grader; replaced when the same name is graded again\n");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make " + dir + ": " + e.getMessage(), e);
        }
    }

    private static boolean isEmptyFolder(Path dir) {
        try (var list = Files.list(dir)) {
            return list.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }
}
