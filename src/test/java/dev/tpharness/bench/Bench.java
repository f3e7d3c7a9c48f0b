package dev.tpharness.bench;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.tp0.grading.support.Checkout;
import dev.tpharness.tp0.grading.support.Tp0Images;
import dev.tpharness.tp0.grading.support.Tp0Target;

/**
 * The benchmark of issue 7: one markdown table of figures, each the median of several runs. Run
 * it through {@code bench/run.sh}, which builds what it needs and passes the test classpath; it is
 * not a test and nothing in {@code ./mvnw verify} runs it.
 *
 * <pre>
 * java -cp ... dev.tpharness.bench.Bench [--reps N] [--naive-reps N] [--sections 1,2,3,4,5,6] [--out FILE]
 * </pre>
 *
 * <p>Progress goes to stderr (the exercise suites' own progress lines too); the table goes to
 * stdout and to {@code --out}.
 */
public final class Bench {

    /** Progress lines on stderr. */
    interface Progress {
        void line(String text);
    }

    record Options(int reps, int naiveReps, Set<Integer> sections, Path out) {
        static Options parse(String[] args) {
            int reps = 3;
            Integer naive = null;
            Set<Integer> sections = new LinkedHashSet<>(List.of(1, 2, 3, 4, 5, 6, 7, 8));
            Path out = null;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                String v = i + 1 < args.length ? args[i + 1] : null;
                switch (a) {
                    case "--reps" -> { reps = positive(a, v); i++; }
                    case "--naive-reps" -> { naive = positive(a, v); i++; }
                    case "--sections" -> {
                        sections = new LinkedHashSet<>();
                        for (String s : String.valueOf(v).split(",")) {
                            int n = Integer.parseInt(s.strip());
                            if (n < 1 || n > 8) {
                                throw new IllegalArgumentException("--sections: " + s + " is not a section (1..8)");
                            }
                            sections.add(n);
                        }
                        i++;
                    }
                    case "--out" -> { out = Path.of(v); i++; }
                    default -> throw new IllegalArgumentException("unknown argument " + a
                            + "; usage: Bench [--reps N] [--naive-reps N] [--sections 1,2,...] [--out FILE]");
                }
            }
            return new Options(reps, naive == null ? 1 : naive, sections, out);
        }

        private static int positive(String option, String value) {
            try {
                int n = Integer.parseInt(String.valueOf(value));
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new IllegalArgumentException(option + " needs a positive whole number, got " + value);
        }
    }

    private final Options options;
    private final Path root;
    private final Path work;
    private final Progress progress = line -> System.err.println("[bench] " + line);
    private final List<Figure> figures = new ArrayList<>();

    private Bench(Options options, Path root) {
        this.options = options;
        this.root = root;
        this.work = root.resolve("target/bench/work");
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrintStream stdout = System.out;
        System.setOut(System.err); // the suites' own report lines are progress, not the table
        Path root = Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath().normalize();
        String markdown = new Bench(options, root).run();
        stdout.println(markdown);
        stdout.flush();
        System.exit(0);
    }

    private String run() throws Exception {
        LocalDateTime started = LocalDateTime.now();
        Files.createDirectories(work);
        progress.line("reference images (built once, as the suites build them)");
        Checkout checkout = Tp0Target.resolve(Optional.empty(), root, work).checkout("ej1");
        var images = Stopwatch.time(() -> Tp0Images.of(checkout));
        progress.line(String.format("images %s, %s ready in %.1f s", images.value().server(), images.value().client(), images.seconds()));
        ReferenceStacks stacks = new ReferenceStacks(root, work.resolve("stacks"), images.value());
        StackFigures stackFigures = new StackFigures(stacks);
        List<SuiteRuns.Run> fast = new ArrayList<>();

        if (options.sections().contains(1) || options.sections().contains(2)) {
            for (int i = 1; i <= options.reps(); i++) {
                progress.line("section 1: ej1-ej4 as the suites run them, run " + i + "/" + options.reps());
                SuiteRuns.Run r = SuiteRuns.run("fast " + i, Map.of(), work.resolve("report-fast-" + i + ".md"));
                progress.line(String.format("section 1 run %d: %.1f s %s, %d checks, %d failed", i, r.totalSeconds(), r.perExercise(),
                        r.checks(), r.failed().size()));
                fast.add(r);
            }
            if (options.sections().contains(1)) {
                figures.addAll(SuiteRuns.figures("1 ej1-ej4", "as the suites run", fast, Figure.Target.under(120, "< 120 s")));
            }
        }
        if (options.sections().contains(2)) {
            List<SuiteRuns.Run> naive = new ArrayList<>();
            for (int i = 1; i <= options.naiveReps(); i++) {
                progress.line("section 2: the naive way (one stack at a time, probe container per message, images rebuilt per test), run "
                        + i + "/" + options.naiveReps());
                SuiteRuns.Run r = SuiteRuns.run("naive " + i, SuiteRuns.naive(), work.resolve("report-naive-" + i + ".md"));
                progress.line(String.format("section 2 run %d: %.1f s %s, %d failed", i, r.totalSeconds(), r.perExercise(), r.failed().size()));
                naive.add(r);
            }
            figures.addAll(SuiteRuns.figures("2 naive way", "naive", naive, Figure.Target.none()).subList(0, 1));
            double fastMedian = new Figure("", "", "s", fast.stream().map(SuiteRuns.Run::totalSeconds).toList(), Figure.Target.none(), "").median();
            figures.add(new Figure("2 naive way", "ratio naive / as the suites run (each naive run over the median of section 1)", "x",
                    naive.stream().map(r -> r.totalSeconds() / fastMedian).toList(), Figure.Target.atLeast(3, ">= 3x"),
                    SuiteRuns.note(naive).contains("FAILED") ? "naive runs had FAILED checks" : ""));
        }
        if (options.sections().contains(3)) {
            for (int n : new int[] {1, 10, 50}) {
                List<Double> seconds = new ArrayList<>();
                List<Double> maxPeak = new ArrayList<>();
                List<Double> medianPeak = new ArrayList<>();
                List<Double> maxRss = new ArrayList<>();
                List<String> problems = new ArrayList<>();
                for (int i = 1; i <= options.reps(); i++) {
                    StackFigures.ClientsRun r = stackFigures.clients(n);
                    progress.line(String.format("section 3: %d clients, run %d/%d: %.2f s, peak memory per client max %.1f MiB%s", n, i,
                            options.reps(), r.seconds(), r.peakMiB().isEmpty() ? Double.NaN : r.peakMiB().get(r.peakMiB().size() - 1),
                            r.problems().isEmpty() ? "" : " " + r.problems()));
                    seconds.add(r.seconds());
                    if (!r.peakMiB().isEmpty()) {
                        maxPeak.add(r.peakMiB().get(r.peakMiB().size() - 1));
                        medianPeak.add(new Figure("", "", "", r.peakMiB(), Figure.Target.none(), "").median());
                    }
                    if (!r.rssMiB().isEmpty()) {
                        maxRss.add(r.rssMiB().get(r.rssMiB().size() - 1));
                    }
                    problems.addAll(r.problems());
                }
                String note = problems.isEmpty() ? "" : "FAILED: " + problems.stream().distinct().limit(3).toList();
                figures.add(new Figure("3 generated stack", n + " client(s): up to every client exited 0", "s", seconds,
                        n == 50 ? Figure.Target.under(30, "< 30 s") : Figure.Target.none(), note));
                figures.add(new Figure("3 generated stack", n + " client(s): peak memory, largest client", "MiB", maxPeak,
                        Figure.Target.under(64, "< 64 MiB each"), ""));
                figures.add(new Figure("3 generated stack", n + " client(s): peak memory, median client", "MiB", medianPeak,
                        Figure.Target.none(), ""));
                figures.add(new Figure("3 generated stack", n + " client(s): peak rss sampled every 50 ms, largest client", "MiB", maxRss,
                        Figure.Target.none(), ""));
            }
        }
        if (options.sections().contains(4)) {
            List<Double> once = new ArrayList<>();
            List<Double> reused = new ArrayList<>();
            try (ComposeStack server = stackFigures.serverStack()) {
                String net = server.network("testing_net");
                StackFigures.throwawayProbe(net); // warm-up, not counted
                for (int i = 1; i <= options.reps(); i++) {
                    once.add(StackFigures.throwawayProbe(net));
                    List<Double> per = StackFigures.reusedProbe(net);
                    reused.add(new Figure("", "", "", per, Figure.Target.none(), "").median());
                    progress.line(String.format("section 4 run %d/%d: throwaway probe %.0f ms, reused probe median %.1f ms per message",
                            i, options.reps(), once.get(once.size() - 1), reused.get(reused.size() - 1)));
                }
            }
            figures.add(new Figure("4 netcat probe", "one throwaway probe (docker run --rm), one message", "ms", once,
                    Figure.Target.under(1500, "< 1500 ms"), ""));
            figures.add(new Figure("4 netcat probe", "reused probe, per message (median of 100 per run)", "ms", reused,
                    Figure.Target.under(50, "< 50 ms"), ""));
        }
        if (options.sections().contains(5)) {
            List<Double> harness = new ArrayList<>();
            List<Double> bare = new ArrayList<>();
            List<Double> overhead = new ArrayList<>();
            progress.line("section 5: warm-up (not counted)");
            stackFigures.readyThroughHarness();
            stackFigures.readyBare(0);
            for (int i = 1; i <= 3 * options.reps(); i++) {
                // three pairs per repetition: one pair takes seconds and the figure is noisy.
                // Alternate the order, so neither side always runs on a machine the other just loaded
                double h;
                double b;
                if (i % 2 == 1) {
                    h = stackFigures.readyThroughHarness();
                    b = stackFigures.readyBare(i);
                } else {
                    b = stackFigures.readyBare(i);
                    h = stackFigures.readyThroughHarness();
                }
                harness.add(h);
                bare.add(b);
                overhead.add((h / b - 1) * 100);
                progress.line(String.format("section 5 pair %d/%d: harness %.2f s, bare compose %.2f s", i, 3 * options.reps(), h, b));
            }
            figures.add(new Figure("5 harness overhead", "server ready through ComposeStack (up + log stream await)", "s", harness,
                    Figure.Target.none(), ""));
            figures.add(new Figure("5 harness overhead", "server ready, bare docker compose up -d + logs -f", "s", bare,
                    Figure.Target.none(), ""));
            figures.add(new Figure("5 harness overhead", "overhead of the harness (per run pair)", "%", overhead,
                    Figure.Target.under(20, "< +20 %"), ""));
        }
        if (options.sections().contains(6)) {
            List<Double> gen = new ArrayList<>();
            Path out = work.resolve("generated-1000.yaml");
            for (int i = 0; i <= options.reps(); i++) {
                var timed = Stopwatch.time(() -> Command.of("bash", "generar-compose.sh", out.toString(), "1000").in(root)
                        .withTimeout(Duration.ofMinutes(2)).run());
                CommandResult r = timed.value();
                if (r.exitCode() != 0 || !Files.readString(out).contains("client1000:")) {
                    throw new IllegalStateException("generar-compose.sh for 1000 clients failed: " + r.describe());
                }
                if (i > 0) { // the first run warms the page cache, not counted
                    gen.add(timed.seconds());
                    progress.line(String.format("section 6 run %d/%d: %.2f s", i, options.reps(), timed.seconds()));
                }
            }
            figures.add(new Figure("6 generator", "generar-compose.sh, 1000 clients (jar built)", "s", gen,
                    Figure.Target.under(2, "< 2 s"), ""));
        }
        if (options.sections().contains(7) || options.sections().contains(8)) {
            graderSections();
        }
        String md = markdown(started);
        Path out = options.out() != null ? options.out()
                : root.resolve("target/bench/bench-" + started.format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss")) + ".md");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, md, StandardCharsets.UTF_8);
        progress.line("table written to " + out);
        return md;
    }

    /** Sections 7 and 8: grade.sh with the grader jar, as a teaching assistant runs it. */
    private void graderSections() throws Exception {
        GraderFigures g = new GraderFigures(root, work.resolve("grader"));
        if (options.sections().contains(7)) {
            Path repo = g.realStyleRepository();
            List<Double> together = new ArrayList<>();
            List<Double> oneByOne = new ArrayList<>();
            String verdict = "";
            for (int i = 1; i <= options.reps(); i++) {
                GraderFigures.Graded fast = g.grade(GraderFigures.ONE_REPOSITORY, "-o", g.out("7").toString(), "--name", "real-style",
                        repo.toString());
                together.add(fast.seconds());
                verdict = fast.tail();
                progress.line(String.format("section 7 run %d/%d: real-style solution graded in %.1f s, exit %d (%s)", i, options.reps(),
                        fast.seconds(), fast.exit(), fast.tail()));
            }
            for (int i = 1; i <= options.naiveReps(); i++) {
                GraderFigures.Graded slow = g.grade(GraderFigures.ONE_REPOSITORY, "-o", g.out("7-serial").toString(), "--name", "real-style",
                        "-Djunit.jupiter.execution.parallel.enabled=false", repo.toString());
                oneByOne.add(slow.seconds());
                progress.line(String.format("section 7 one by one %d/%d: %.1f s, exit %d", i, options.naiveReps(), slow.seconds(), slow.exit()));
            }
            double median = Figure.median(together);
            figures.add(new Figure("7 real-style repository", "grade.sh on a Python server + Go multi-stage client solution, end to end"
                    + " (image builds included)", "s", together, Figure.Target.none(), verdict));
            figures.add(new Figure("7 real-style repository", "ratio: the same checks one by one (parallel off) / as graded", "x",
                    oneByOne.stream().map(s -> s / median).toList(), Figure.Target.atLeast(1.5, ">= 1.5x"),
                    String.format("one by one: %s s", oneByOne.stream().map(s -> String.format("%.1f", s)).toList())));
        }
        if (options.sections().contains(8)) {
            Path classFile = g.classFile();
            List<Double> together = new ArrayList<>();
            List<Double> oneByOne = new ArrayList<>();
            String headline = "";
            for (int i = 1; i <= options.reps(); i++) {
                GraderFigures.Graded cls = g.grade(GraderFigures.A_CLASS, "-o", g.out("8").toString(), "--class", classFile.toString());
                together.add(cls.seconds());
                headline = cls.tail();
                progress.line(String.format("section 8 run %d/%d: class of %d in %.1f s, exit %d (%s)", i, options.reps(),
                        GraderFigures.CLASS.size(), cls.seconds(), cls.exit(), cls.tail()));
            }
            for (int i = 1; i <= options.naiveReps(); i++) {
                double total = 0;
                for (String repo : g.repositories(classFile)) {
                    GraderFigures.Graded one = g.grade(GraderFigures.ONE_REPOSITORY, "-o", g.out("8-serial").toString(), repo);
                    total += one.seconds();
                    progress.line(String.format("section 8 one by one %d/%d: %s %.1f s", i, options.naiveReps(),
                            Path.of(repo).getFileName(), one.seconds()));
                }
                oneByOne.add(total);
            }
            double median = Figure.median(together);
            figures.add(new Figure("8 class of 8", "grade.sh --class: 8 fixture solutions, -j default", "s", together, Figure.Target.none(),
                    headline));
            figures.add(new Figure("8 class of 8", "per repository in the class (class time / 8)", "s",
                    together.stream().map(s -> s / GraderFigures.CLASS.size()).toList(), Figure.Target.none(), ""));
            figures.add(new Figure("8 class of 8", "ratio: one grade.sh per repository, one after another / the class at once", "x",
                    oneByOne.stream().map(s -> s / median).toList(), Figure.Target.none(),
                    String.format("one after another: %s s", oneByOne.stream().map(s -> String.format("%.1f", s)).toList())));
        }
    }

    private String markdown(LocalDateTime started) {
        StringBuilder md = new StringBuilder("## Benchmark\n\n");
        md.append("- Date: ").append(started.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME).replaceFirst("\\.\\d+$", ""))
                .append(String.format(" (%.1f min in all)%n", Duration.between(started, LocalDateTime.now()).toSeconds() / 60.0));
        md.append("- Machine: ").append(machine()).append('\n');
        md.append("- Repetitions: ").append(options.reps()).append(" (naive way: ").append(options.naiveReps())
                .append("); sections ").append(options.sections()).append('\n');
        md.append("- Memory method: ").append(PeakMemory.method()).append(", per client container, read every 50 ms until it exits\n\n");
        md.append("| section | figure | median of N | min | max | target | met? |\n| --- | --- | --- | --- | --- | --- | --- |\n");
        figures.forEach(f -> md.append(f.markdownRow()).append('\n'));
        return md.toString();
    }

    private static String machine() {
        String mem = first("free", "-m").lines().filter(l -> l.startsWith("Mem:")).findFirst()
                .map(l -> String.format("%.1f GiB", Long.parseLong(l.split("\\s+")[1]) / 1024.0)).orElse("?");
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", memory " + mem
                + ", docker " + first("docker", "version", "--format", "{{.Server.Version}}").strip()
                + ", compose " + first("docker", "compose", "version", "--short").strip()
                + ", java " + System.getProperty("java.version") + ", kernel " + first("uname", "-r").strip();
    }

    private static String first(String... argv) {
        CommandResult r = Command.of(argv).withTimeout(Duration.ofSeconds(30)).run();
        return r.exitCode() == 0 ? r.stdout() : "?";
    }
}
