package dev.tpharness.tp0.grading.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/**
 * The TP0 solution the exercise suites grade: this repository's own reference solution (the
 * default), or the repository given by {@code -Dtp0.repo=PATH}. For exercise N the files of
 * branch {@code ejN} are used when the repository has one (local, else a remote-tracking branch),
 * its current working tree otherwise. Files are extracted with {@code git archive} or copied: the
 * graded repository, its index and its working tree are only ever read.
 */
public final class Tp0Target {

    /** Configuration parameter (or system property) naming the repository to grade. */
    public static final String REPO_PARAMETER = "tp0.repo";

    /** What a TP0 repository built with this project's reference solution consists of. */
    private static final List<String> EMBEDDED_FILES = List.of("server", "client", "docker", "generar-compose.sh",
            "validar-echo-server.sh", "Makefile", "docker-compose-dev.yaml", ".dockerignore", "target/tp0");

    /** Report entry prefix (plus the exercise) naming what an exercise was graded on, e.g. {@code branch origin/ej3}: the kit's. */
    public static final String SOURCE_ENTRY_PREFIX = dev.tpharness.grading.report.GradeReportListener.SOURCE_ENTRY_PREFIX;
    /** Report entry key: what is graded, for the report's first line: the kit's. */
    public static final String DESCRIPTION_ENTRY = dev.tpharness.grading.report.GradeReportListener.DESCRIPTION_ENTRY;

    private static final Duration GIT_TIMEOUT = Duration.ofSeconds(60);

    private final Path repo;
    private final boolean embedded;
    private final Path workRoot;
    private final Map<String, Checkout> checkouts = new ConcurrentHashMap<>();

    private Tp0Target(Path repo, boolean embedded, Path workRoot) {
        this.repo = repo;
        this.embedded = embedded;
        // one folder per target: several targets may be graded in one JVM (the fixture tests do)
        this.workRoot = workRoot.resolve("target-" + java.util.UUID.randomUUID().toString().substring(0, 8));
    }

    /**
     * @param repoParameter the value of {@code tp0.repo}, if given
     * @param projectRoot   this project's folder (the embedded default)
     * @param workRoot      where checkouts are extracted
     * @throws Tp0TargetException naming the path and what is wrong with it
     */
    public static Tp0Target resolve(Optional<String> repoParameter, Path projectRoot, Path workRoot) {
        // this repository given by its path is the embedded default: its images need the jars of its
        // Maven build (target/tp0/), which a copy of its git files leaves out
        if (repoParameter.isEmpty() || repoParameter.get().isBlank() || sameFolder(Path.of(repoParameter.get()), projectRoot)) {
            Path jar = projectRoot.resolve("target/tp0/tp0-app.jar");
            if (!Files.isRegularFile(jar)) {
                throw new Tp0TargetException("the reference solution is not built: " + jar + " is missing; run"
                        + " `./mvnw -DskipTests package` (or run the suites through `./mvnw verify`)");
            }
            return new Tp0Target(projectRoot.toAbsolutePath().normalize(), true, workRoot);
        }
        Path repo = Path.of(repoParameter.get()).toAbsolutePath().normalize();
        if (!Files.exists(repo)) {
            throw new Tp0TargetException("-D" + REPO_PARAMETER + "=" + repoParameter.get() + ": " + repo + " does not exist");
        }
        if (!Files.isDirectory(repo)) {
            throw new Tp0TargetException("-D" + REPO_PARAMETER + "=" + repoParameter.get() + ": " + repo + " is not a folder");
        }
        CommandResult top = git(repo, "rev-parse", "--show-toplevel");
        if (top.exitCode() != 0) {
            throw new Tp0TargetException(repo + " is not a git repository (git rev-parse said: "
                    + top.stderr().strip() + "); give the folder of a clone of the TP0 repository");
        }
        return new Tp0Target(repo, false, workRoot);
    }

    private static boolean sameFolder(Path a, Path b) {
        try {
            return Files.isDirectory(a) && Files.isDirectory(b) && Files.isSameFile(a, b);
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** For messages and the report: which repository, and whether it is the embedded default. */
    public String describe() {
        return embedded ? "this repository's reference solution (" + repo + ")" : repo.toString();
    }

    /** This target's own work folder (checkouts and test workspaces). */
    Path workRoot() {
        return workRoot;
    }

    public boolean isEmbeddedDefault() {
        return embedded;
    }

    /** The files for one exercise, extracted once per run. */
    public Checkout checkout(String exercise) {
        return checkouts.computeIfAbsent(exercise, this::extract);
    }

    private Checkout extract(String exercise) {
        Path dir = workRoot.resolve("checkouts").resolve(exercise);
        try {
            Files.createDirectories(dir);
            if (embedded) {
                for (String name : EMBEDDED_FILES) {
                    Path src = repo.resolve(name);
                    if (Files.exists(src)) {
                        copyTree(src, dir.resolve(name));
                    }
                }
                return Checkout.of(exercise, dir, "reference solution, working tree");
            }
            Optional<String> ref = branch(exercise);
            if (ref.isPresent()) {
                Path tar = workRoot.resolve("checkouts").resolve(exercise + ".tar");
                require(git(repo, "archive", "--format=tar", "--output=" + tar, ref.get()), "extract branch " + ref.get());
                require(Command.of("tar", "-x", "-f", tar.toString(), "-C", dir.toString()).withTimeout(GIT_TIMEOUT).run(),
                        "unpack branch " + ref.get());
                Files.delete(tar);
                return Checkout.of(exercise, dir, "branch " + ref.get().replaceFirst("^refs/(heads|remotes)/", ""), "at " + commitOf(ref.get()));
            }
            CommandResult files = require(git(repo, "ls-files", "-z", "--cached", "--others", "--exclude-standard"),
                    "list the files of the working tree");
            for (String name : files.stdout().split("\0")) {
                Path src = repo.resolve(name);
                if (!name.isEmpty() && Files.isRegularFile(src, LinkOption.NOFOLLOW_LINKS)) {
                    Files.createDirectories(dir.resolve(name).getParent());
                    Files.copy(src, dir.resolve(name), StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            boolean changed = !git(repo, "status", "--porcelain", "--untracked-files=normal").stdout().isBlank();
            String base = git(repo, "rev-parse", "--verify", "--quiet", "HEAD^{commit}").exitCode() == 0 ? "on " + commitOf("HEAD") : "before any commit";
            return Checkout.of(exercise, dir, "working tree (no branch " + exercise + ")", base + (changed ? ", with uncommitted changes" : ""));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract " + exercise + " of " + repo + " into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** {@code refs/heads/ejN}, else {@code refs/remotes/<any>/ejN} (a fresh clone has only those). */
    private Optional<String> branch(String exercise) {
        if (git(repo, "rev-parse", "--verify", "--quiet", "refs/heads/" + exercise + "^{commit}").exitCode() == 0) {
            return Optional.of("refs/heads/" + exercise);
        }
        CommandResult remotes = git(repo, "for-each-ref", "--format=%(refname)", "refs/remotes/*/" + exercise);
        return remotes.stdout().lines().filter(l -> !l.isBlank()).sorted(
                (a, b) -> Boolean.compare(!a.startsWith("refs/remotes/origin/"), !b.startsWith("refs/remotes/origin/"))).findFirst();
    }

    private static void copyTree(Path src, Path dst) throws IOException {
        if (Files.isDirectory(src)) {
            new Checkout("", src, "", "").copyTo(dst);
        } else {
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * {@code <full commit id> (<commit date>)} of a revision: what was graded, exactly, so that two
     * gradings can be compared; {@code an unknown commit} when git cannot say.
     */
    private String commitOf(String revision) {
        CommandResult r = git(repo, "log", "-1", "--format=%H %cI", revision + "^{commit}", "--");
        String[] f = r.stdout().strip().split(" ");
        return r.exitCode() == 0 && f.length == 2 ? f[0] + " (" + f[1] + ")" : "an unknown commit";
    }

    private static CommandResult git(Path repo, String... args) {
        String[] argv = new String[args.length + 3];
        argv[0] = "git";
        argv[1] = "-C";
        argv[2] = repo.toString();
        System.arraycopy(args, 0, argv, 3, args.length);
        // GIT_OPTIONAL_LOCKS=0: reading must not even refresh the repository's index
        return Command.of(argv).withEnv("GIT_OPTIONAL_LOCKS", "0").withTimeout(GIT_TIMEOUT).run();
    }

    private CommandResult require(CommandResult r, String what) {
        if (r.exitCode() != 0 || r.timedOut()) {
            throw new Tp0TargetException("cannot " + what + " of " + repo + ": " + r.describe());
        }
        return r;
    }
}
