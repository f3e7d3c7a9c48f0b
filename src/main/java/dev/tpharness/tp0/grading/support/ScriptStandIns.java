package dev.tpharness.tp0.grading.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tpharness.grading.NotRunHere;
import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;

/**
 * The programs a graded student script (generator or validator) finds first on its PATH, and what
 * they saw. {@code docker} is a stand-in that never lets a pull hang (a missing image fails at once
 * and is recorded, for the grader to pull within its own bound and run the script again) and that
 * records every build, pull or compose step that failed, whatever the script then does with the
 * failure; the images its {@code docker build} makes carry the run's labels (removed with the
 * run). {@code sudo} runs its command as the grader's own user: grading never elevates, and TP0
 * scripts ask sudo for Docker access, which the grader has. For a validator, {@code nc},
 * {@code netcat} and {@code ncat} fail loudly and record the call: netcat must run in a container.
 *
 * <p>One instance per script run directory; {@link #reset()} before each run.
 */
final class ScriptStandIns {

    private final Path dir;
    private final String path;

    private ScriptStandIns(Path dir, String path) {
        this.dir = dir;
        this.path = path;
    }

    /**
     * Writes the stand-ins into {@code dir} (created).
     *
     * @param noHostNetcat also put failing {@code nc}, {@code netcat} and {@code ncat} first
     */
    static ScriptStandIns prepare(Path dir, boolean noHostNetcat) {
        try {
            Files.createDirectories(dir.resolve("steps"));
            if (noHostNetcat) {
                for (String nc : List.of("nc", "netcat", "ncat")) {
                    executable(dir.resolve(nc), "#!/bin/sh\n"
                            + "echo \"" + nc + " $*\" >> '" + dir.resolve("netcat-calls.log") + "'\n"
                            + "echo \"tp-harness: '" + nc + "' was called on the host; the validator must run netcat in a container\" >&2\n"
                            + "exit 127\n");
                }
            }
            Optional<Path> docker = OutsideCauses.find("docker");
            if (docker.isPresent()) {
                executable(dir.resolve("docker"), resource("script-docker.sh").replace("@REAL@", docker.get().toString())
                        .replace("@RECORD@", dir.resolve("missing-images.log").toString())
                        .replace("@RUNS@", dir.resolve("container-runs.log").toString())
                        .replace("@STEPS@", dir.resolve("steps").toString())
                        .replace("@LABELS@", String.join(" ", dev.tpharness.compose.HarnessLabels.dockerArgs("student-build"))));
            }
            executable(dir.resolve("sudo"), resource("script-sudo.sh").replace("@CALLS@", dir.resolve("sudo-calls.log").toString()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the PATH of a student script in " + dir, e);
        }
        return new ScriptStandIns(dir, dir + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    }

    /** The PATH a student script runs with: the stand-ins first, then the grader's own. */
    String path() {
        return path;
    }

    /** Forgets what the previous run recorded. */
    void reset() {
        try {
            for (String log : List.of("netcat-calls.log", "missing-images.log", "container-runs.log", "sudo-calls.log")) {
                Files.deleteIfExists(dir.resolve(log));
            }
            try (Stream<Path> steps = Files.list(dir.resolve("steps"))) {
                for (Path step : steps.toList()) {
                    Files.deleteIfExists(step);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot reset the records of a student script in " + dir, e);
        }
    }

    /** The calls of netcat on the host. */
    List<String> hostNetcatCalls() {
        return lines(dir.resolve("netcat-calls.log"));
    }

    /** The images the script asked for that are not on this machine, once each. */
    List<String> missingImages() {
        return lines(dir.resolve("missing-images.log")).stream().distinct().toList();
    }

    /** How many containers the script ran or created. */
    int containerRuns() {
        return lines(dir.resolve("container-runs.log")).size();
    }

    /** The commands the script ran through sudo. */
    List<String> sudoCalls() {
        return lines(dir.resolve("sudo-calls.log"));
    }

    /** The build, pull and compose steps that failed, in no particular order. */
    List<FailedStep> failedSteps() {
        List<FailedStep> failed = new ArrayList<>();
        try (Stream<Path> steps = Files.list(dir.resolve("steps"))) {
            for (Path step : steps.sorted().toList()) {
                FailedStep.parse(Files.readString(step, StandardCharsets.UTF_8)).ifPresent(failed::add);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the failed steps recorded in " + dir.resolve("steps"), e);
        }
        return failed;
    }

    /**
     * Pulls (within {@code pullTimeout}) the images the last run missed and returns them, so that
     * the caller runs the script again; none missing: empty.
     *
     * @throws NotRunHere when one is neither here nor pullable
     */
    List<String> pullMissing(String script, List<String> alreadyPulled, java.time.Duration pullTimeout) {
        List<String> images = missingImages().stream().filter(i -> !alreadyPulled.contains(i)).toList();
        for (String image : images) {
            Tp0Images.ensureImage(image, script, pullTimeout);
        }
        return images;
    }

    /**
     * Throws {@link NotRunHere} for the first of {@code steps} whose cause is outside the repository.
     *
     * @param script what ran the steps, e.g. {@code validar-echo-server.sh}
     */
    static void rethrowIfAStepCouldNotFetch(String script, List<FailedStep> steps) {
        for (FailedStep step : steps) {
            Optional<String> cause = step.outsideCause();
            if (cause.isPresent()) {
                throw new NotRunHere(script + " ran `" + step.command() + "`, which failed (exit " + step.exitCode() + ") because " + cause.get(),
                        "grade where that step can fetch what it needs (a registry and package index reachable), or provide"
                                + " its images on the grading machine beforehand");
            }
        }
    }

    /**
     * A build, pull or compose step that a student script ran and that failed.
     *
     * @param exitCode the step's exit code
     * @param command  the command as the script wrote it
     * @param output   the last lines of what it printed
     */
    record FailedStep(int exitCode, String command, String output) {

        /** {@code Step 1/3 : FROM alpine:3.20} (the classic builder), {@code [1/2] FROM docker.io/library/alpine:3.20} (BuildKit). */
        private static final Pattern FROM = Pattern.compile("(?m)(?:^Step \\d+/\\d+ : |\\] )FROM\\s+(?:--\\S+\\s+)*(\\S+)");

        static Optional<FailedStep> parse(String record) {
            String[] parts = record.split("\n", 3);
            if (parts.length < 2 || !parts[0].strip().matches("\\d+")) {
                return Optional.empty();
            }
            // the classic builder colours a step's stderr, and its escapes can cut a line in two
            String output = parts.length > 2 ? dev.tpharness.logs.LogLine.stripAnsi(parts[2]) : "";
            return Optional.of(new FailedStep(Integer.parseInt(parts[0].strip()), parts[1].strip(), output));
        }

        /**
         * Why the step failed when the cause is this machine's, not the repository's: something it
         * could not fetch (registry, package index), or a program missing from a base image that is
         * this machine's local stand-in of the real one (built where no registry answers; the real
         * image has it).
         */
        Optional<String> outsideCause() {
            Optional<String> unfetchable = OutsideCauses.unfetchable(output);
            if (unfetchable.isPresent()) {
                return Optional.of("it could not fetch what it needs from here (" + unfetchable.get() + ")");
            }
            List<String> programs = OutsideCauses.programsNotFound(output);
            if (!programs.isEmpty()) {
                Matcher from = FROM.matcher(output);
                while (from.find()) {
                    String image = from.group(1).replaceFirst("^docker\\.io/(library/)?", "");
                    if (isLocalStandIn(image)) {
                        return Optional.of("its base image " + image + " is this machine's local stand-in (no registry answers here),"
                                + " which lacks '" + programs.get(0) + "' that the real image has");
                    }
                }
            }
            return Optional.empty();
        }

        /** One line for a FAIL reason: the command, its exit code and its last lines. */
        String describe() {
            List<String> lines = output.strip().lines().toList();
            List<String> tail = lines.subList(Math.max(0, lines.size() - 5), lines.size());
            return "`" + command + "` failed (exit " + exitCode + ")" + (tail.isEmpty() ? "" : ": " + String.join(" / ", tail));
        }

        private static boolean isLocalStandIn(String image) {
            CommandResult r = Command.of("docker", "image", "inspect", "-f", "{{index .Config.Labels \"dev.tpharness.standin\"}}", image)
                    .withTimeout(java.time.Duration.ofSeconds(30)).run();
            return r.exitCode() == 0 && r.stdout().strip().equals("true");
        }
    }

    private static void executable(Path file, String content) throws IOException {
        Files.writeString(file, content);
        if (!file.toFile().setExecutable(true)) {
            throw new IOException("cannot make " + file + " executable");
        }
    }

    private static String resource(String name) {
        try (var in = ScriptStandIns.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + name + " is missing from the grader's classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the resource " + name, e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file).stream().map(String::strip).filter(l -> !l.isEmpty()).toList() : List.of();
        } catch (IOException e) {
            return List.of("(unreadable " + file + ")");
        }
    }
}
