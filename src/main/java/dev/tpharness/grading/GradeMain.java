package dev.tpharness.grading;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.tpharness.grading.batch.ClassFile;
import dev.tpharness.grading.batch.ClassGrading;
import dev.tpharness.grading.batch.ClassReport;
import dev.tpharness.grading.batch.Student;
import dev.tpharness.grading.batch.StudentResult;
import dev.tpharness.grading.report.GradeReport;

/**
 * The grader's command line (the grader jar's main class; {@code ./grade.sh} runs it), for any
 * {@link Assignment} on its class path or in a jar given with {@code --assignment-jar}. See
 * {@link #USAGE}. Exit codes: 0 every REQUIRED check passed; 1 a REQUIRED check failed (or a WARN
 * with {@code --strict}, or a repository could not be graded); 2 wrong use; 3 something could not
 * run here and nothing failed. For a class, the worst of its repositories.
 */
public final class GradeMain {

    static final String USAGE = """
            usage: grade.sh [options] [REPO...]
              REPO                 a repository of the assignment: a folder (only read, never modified) or a git URL
                                   (cloned); none: the assignment's reference solution
              --assignment NAME    the assignment to grade (default %s); its exercises are the -e names
              --assignment-jar JAR also look for assignments in JAR (a course's own; repeat for several)
              --list-assignments   no grading: list the assignments (name, exercises, title) and exit
              --class FILE         grade every repository of a class file (`name path-or-git-url` a line, # comments)
              --name NAME          the name of the one REPO in the reports (default: its folder's or URL's last part)
              -e, --exercises L    exercises to grade, comma separated (default: every exercise of the assignment)
              --strict             a WARN (advice not followed) counts as a FAIL
              -j, --jobs N         repositories graded at once (default %d on this machine)
              -o, --out DIR        where the reports go (default %s)
              --merge PATH...      no grading: merge result.json files (or folders holding them) into the class report in --out
              --matrix FILE        no grading: print the class file as a GitHub Actions matrix ({"include":[{"name","repo"}]})
              -h, --help           this help
            Exit codes: 0 requirements met; 1 a REQUIRED check failed (or WARN with --strict, or not gradable); 2 wrong use;
            3 something could not run on this machine and nothing failed. For several repositories: the worst of them.
            """;

    private GradeMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Everything but {@link System#exit}, for tests. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("grade.sh: " + e.getMessage());
            err.print(usage());
            return GradeReport.EXIT_WRONG_USE;
        }
        if (o.help) {
            out.print(usage());
            return 0;
        }
        try {
            ClassLoader loader = o.loader();
            if (o.listAssignments) {
                Assignments.all(loader).values().forEach(a -> out.println(a.name() + "\t" + String.join(",", a.exerciseNames()) + "\t"
                        + a.title()));
                return 0;
            }
            if (o.matrix != null) {
                out.println(matrix(ClassFile.read(o.matrix)));
                return 0;
            }
            if (!o.merge.isEmpty()) {
                ClassReport report = ClassReport.merge(o.merge, o.out);
                out.println(report.headline());
                out.println("Class report: " + o.out.resolve(ClassReport.MARKDOWN) + " (also .csv, .json); exit code " + report.exitCode());
                return report.exitCode();
            }
            Assignment assignment = chosen(o.assignment, loader);
            List<String> exercises = o.exercises.isEmpty() ? assignment.exerciseNames() : o.exercises;
            List<Student> students = o.students(assignment);
            boolean single = students.size() == 1 && o.classFile == null;
            ClassGrading grading = new ClassGrading(new ClassGrading.Settings(assignment, exercises, o.strict, o.jobs, o.out, o.parameters,
                    single ? "checks" : "exercises"), out);
            exercises = grading.settings().exercises();
            grading.checkExercises(students);
            grading.checkFolders(students);
            if (single) {
                Student s = students.get(0);
                out.println("Grading " + (s.source().isEmpty() ? assignment.reference().orElse("") : s.source()) + " ("
                        + assignment.name() + ": " + String.join(",", exercises) + (o.strict ? ", strict" : "") + ")");
                StudentResult r = grading.gradeOne(s);
                if (r.error() != null) {
                    err.println("grade.sh: " + r.name() + " could not be graded: " + r.error());
                }
                out.println("Results: " + grading.folder(s) + " (report.md, result.json, junit.xml; evidence of failed checks in run/)");
                return r.exitCode();
            }
            out.printf("Grading %d repositories, %d at once (%s: %s%s) into %s%n", students.size(), Math.min(o.jobs, students.size()),
                    assignment.name(), String.join(",", exercises), o.strict ? ", strict" : "", o.out);
            grading.grade(students);
            // the class report is made from the result files, as the CI matrix's merge job makes it
            ClassReport report = ClassReport.merge(students.stream().map(s -> grading.folder(s).resolve("result.json")).toList(), o.out);
            out.println();
            out.println(report.headline());
            out.println("Class report: " + o.out.resolve(ClassReport.MARKDOWN) + " (also .csv, .json); per repository: "
                    + o.out + "/<name>/");
            return report.exitCode();
        } catch (ClassFile.ClassFileException | IllegalArgumentException e) {
            err.println("grade.sh: " + e.getMessage());
            return GradeReport.EXIT_WRONG_USE;
        } catch (RuntimeException e) {
            err.println("grade.sh: the grader broke: " + e);
            e.printStackTrace(err);
            return GradeReport.EXIT_FAIL;
        }
    }

    /** The most jobs GitHub Actions makes from one matrix. */
    static final int MATRIX_LIMIT = 256;

    /** {@code {"include":[{"name":"alice","repo":"https://..."},{"name":"bob","repo":"...","exercises":"ej3"}]}} for {@code strategy.matrix: ${{ fromJSON(...) }}}. */
    static String matrix(List<Student> students) {
        if (students.size() > MATRIX_LIMIT) {
            throw new IllegalArgumentException("the class has " + students.size() + " repositories; a GitHub Actions matrix runs at most "
                    + MATRIX_LIMIT + " jobs: split the class file (each part gets a class report; --merge joins their results)");
        }
        List<Map<String, String>> include = new ArrayList<>();
        for (Student s : students) {
            Map<String, String> row = new LinkedHashMap<>();
            row.put("name", s.name());
            row.put("repo", s.source());
            if (!s.exercises().isEmpty()) {
                row.put("exercises", String.join(",", s.exercises())); // a class file's third field; absent: the run's
            }
            include.add(row);
        }
        return tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(Map.of("include", include));
    }

    /** Setting (system property): the assignment graded when {@code --assignment} is not given ({@code grade.sh} sets it). */
    public static final String DEFAULT_ASSIGNMENT = "tp.grading.assignment";

    /** The assignment named, else the default one ({@value #DEFAULT_ASSIGNMENT}), else the only one there is. */
    static Assignment chosen(String name, ClassLoader loader) {
        if (name != null) {
            return Assignments.named(name, loader);
        }
        String fallback = System.getProperty(DEFAULT_ASSIGNMENT, "").strip();
        if (!fallback.isEmpty()) {
            return Assignments.named(fallback, loader);
        }
        Map<String, Assignment> all = Assignments.all(loader);
        if (all.size() == 1) {
            return all.values().iterator().next();
        }
        throw new IllegalArgumentException(all.isEmpty() ? "no assignment on the class path: add one with --assignment-jar"
                : "several assignments (" + String.join(", ", all.keySet()) + "): choose one with --assignment NAME");
    }

    static int defaultJobs() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** The folder the grader runs from (system property {@code tp.project.root}, which {@code grade.sh} sets; else the working directory). */
    public static Path projectRoot() {
        return Path.of(System.getProperty("tp.project.root", ".")).toAbsolutePath().normalize();
    }

    private static String usage() {
        String fallback = System.getProperty(DEFAULT_ASSIGNMENT, "").strip();
        return String.format(USAGE, fallback.isEmpty() ? "the only one there is" : fallback, defaultJobs(),
                projectRoot().resolve("target/grading"));
    }

    /** The parsed command line. */
    static final class Options {
        boolean help;
        boolean strict;
        boolean listAssignments;
        String assignment;
        List<Path> assignmentJars = new ArrayList<>();
        List<String> exercises = new ArrayList<>();
        int jobs = defaultJobs();
        Path out = projectRoot().resolve("target/grading");
        Path classFile;
        Path matrix;
        String name;
        List<Path> merge = new ArrayList<>();
        List<String> repos = new ArrayList<>();
        Map<String, String> parameters = new LinkedHashMap<>();

        static Options parse(String[] args) {
            Options o = new Options();
            boolean merging = false;
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> o.help = true;
                    case "--strict" -> o.strict = true;
                    case "-e", "--exercises" -> o.exercises = exercises(value(args, ++i, a));
                    case "--assignment" -> o.assignment = value(args, ++i, a);
                    case "--assignment-jar" -> o.assignmentJars.add(Path.of(value(args, ++i, a)));
                    case "--list-assignments" -> o.listAssignments = true;
                    case "-j", "--jobs" -> o.jobs = positive(value(args, ++i, a), a);
                    case "-o", "--out" -> o.out = Path.of(value(args, ++i, a)).toAbsolutePath().normalize();
                    case "--class" -> o.classFile = Path.of(value(args, ++i, a));
                    case "--matrix" -> o.matrix = Path.of(value(args, ++i, a));
                    case "--name" -> o.name = value(args, ++i, a);
                    case "--merge" -> merging = true;
                    case "--" -> {
                        for (i++; i < args.length; i++) {
                            o.positional(args[i], merging);
                        }
                    }
                    default -> {
                        if (a.startsWith("-e") && a.length() > 2) {
                            o.exercises = exercises(a.substring(2));
                        } else if (a.startsWith("-D") && a.contains("=")) {
                            // a configuration parameter for the suites, e.g. -Dtp0.pullTimeout=PT30S
                            o.parameters.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
                        } else if (a.startsWith("-")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        } else {
                            o.positional(a, merging);
                        }
                    }
                }
            }
            int modes = (o.matrix != null ? 1 : 0) + (merging ? 1 : 0) + (o.classFile != null ? 1 : 0);
            if (modes > 1) {
                throw new IllegalArgumentException("--class, --merge and --matrix exclude each other");
            }
            if (merging && o.merge.isEmpty()) {
                throw new IllegalArgumentException("--merge needs the result.json files or the folders holding them");
            }
            if ((o.matrix != null || o.classFile != null) && !o.repos.isEmpty()) {
                throw new IllegalArgumentException("give repositories either in the class file or on the command line, not both");
            }
            if (o.name != null && o.repos.size() != 1) {
                throw new IllegalArgumentException("--name names the one repository given; with several, use a class file");
            }
            return o;
        }

        private void positional(String a, boolean merging) {
            if (merging) {
                merge.add(Path.of(a));
            } else {
                repos.add(a);
            }
        }

        /** The grader's own class loader, or one that adds the {@code --assignment-jar}s. */
        ClassLoader loader() {
            ClassLoader own = GradeMain.class.getClassLoader();
            if (assignmentJars.isEmpty()) {
                return own;
            }
            List<java.net.URL> urls = new ArrayList<>();
            for (Path jar : assignmentJars) {
                if (!Files.isRegularFile(jar)) {
                    throw new IllegalArgumentException("--assignment-jar " + jar + ": no such file (give an assignment's jar)");
                }
                try {
                    urls.add(jar.toAbsolutePath().toUri().toURL());
                } catch (java.net.MalformedURLException e) {
                    throw new IllegalArgumentException("--assignment-jar " + jar + ": " + e.getMessage(), e);
                }
            }
            return new java.net.URLClassLoader(urls.toArray(java.net.URL[]::new), own);
        }

        List<Student> students(Assignment assignment) {
            if (classFile != null) {
                return ClassFile.read(classFile);
            }
            if (repos.isEmpty()) {
                if (assignment.reference().isEmpty()) {
                    throw new IllegalArgumentException("assignment " + assignment.name() + " has no reference solution: give a repository");
                }
                return List.of(Student.reference());
            }
            List<Student> students = new ArrayList<>();
            java.util.Set<String> names = new java.util.HashSet<>();
            for (String repo : repos) {
                String source = repo;
                if (!Student.isGitUrl(repo)) {
                    Path p = Path.of(repo);
                    if (!Files.exists(p)) {
                        throw new IllegalArgumentException(repo + ": no such folder (give the folder of a repository of "
                                + assignment.name() + ", or a git URL)");
                    }
                    source = p.toAbsolutePath().normalize().toString();
                }
                String base = name != null ? name : Student.nameFor(source);
                String unique = base;
                for (int n = 2; !names.add(unique.toLowerCase(java.util.Locale.ROOT)); n++) {
                    unique = base + "-" + n;
                }
                students.add(new Student(unique, source));
            }
            return students;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length || args[i].isBlank()) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[i];
        }

        private static int positive(String v, String option) {
            try {
                int n = Integer.parseInt(v.strip());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new IllegalArgumentException(option + " " + v + ": give a whole number of 1 or more");
        }

        /** The names given; checked against the assignment (and put in its order) once it is known. */
        private static List<String> exercises(String list) {
            List<String> chosen = new ArrayList<>();
            for (String e : list.split(",")) {
                String ex = e.strip();
                if (ex.isEmpty()) {
                    throw new IllegalArgumentException("-e " + list + ": an empty exercise name");
                }
                if (!chosen.contains(ex)) {
                    chosen.add(ex);
                }
            }
            return chosen;
        }
    }
}
