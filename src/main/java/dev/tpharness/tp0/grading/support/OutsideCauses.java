package dev.tpharness.tp0.grading.support;

import dev.tpharness.grading.NotRunHere;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.tpharness.internal.CommandResult;

/**
 * Tells, from a failed command's output, whether it failed for a reason outside the solution:
 * a program missing on this host (the solution calls {@code go} or {@code python3} and this
 * machine has none) or something that could not be fetched (no registry or package index
 * reachable). Those make a check NOT RUN instead of FAIL.
 */
final class OutsideCauses {

    /** {@code bash: line 3: go: command not found}, {@code sh: 1: go: not found}, {@code env: 'go': No such file or directory}. */
    private static final Pattern MISSING_TOOL = Pattern.compile(
            "(?m)(?:^|: )([A-Za-z0-9_.+-]+): (?:command not found|not found)$|env: '?([A-Za-z0-9_.+-]+)'?: No such file or directory");

    /** A Python script whose host lacks a module it imports (e.g. PyYAML). */
    private static final Pattern MISSING_PYTHON_MODULE = Pattern.compile("ModuleNotFoundError: No module named '([^']+)'");

    /** What package managers and Docker print when the network or a registry cannot be reached. */
    private static final List<Pattern> UNFETCHABLE = List.of(
            Pattern.compile("(?i)temporary failure in name resolution"),
            Pattern.compile("(?i)could not resolve host"),
            Pattern.compile("(?i)network is unreachable"),
            Pattern.compile("(?i)failed to establish a new connection"),
            Pattern.compile("(?i)no matching distribution found"),
            Pattern.compile("(?i)dial tcp[^\\n]*(?:i/o timeout|no such host|connection refused)"),
            Pattern.compile("(?i)pull access denied|failed to resolve source metadata|failed to do request"),
            Pattern.compile("(?i)unable to fetch some archives|failed to fetch http"),
            Pattern.compile("(?i)(?:fetch|GET) https?://[^\\s]+: (?:dial|net/http)"),
            // apt: "Temporary failure resolving 'deb.debian.org'"; apk: "fetching https://dl-cdn...: DNS lookup error"
            Pattern.compile("(?i)temporary failure resolving"),
            Pattern.compile("(?i)fetching https?://\\S+: (?:DNS lookup error|temporary error|network error|could not connect)"));

    private OutsideCauses() {
    }

    /** The program that a failed command could not find on this host, when that is why it failed. */
    static Optional<String> missingHostTool(CommandResult r) {
        if (r.exitCode() != 127) {
            return Optional.empty();
        }
        return programsNotFound(r.stderr() + "\n" + r.stdout()).stream().filter(tool -> !onPath(tool)).findFirst();
    }

    /** The programs a shell said it could not find in {@code output}, in order: {@code /bin/sh: apk: not found} gives {@code apk}. */
    static List<String> programsNotFound(String output) {
        List<String> tools = new java.util.ArrayList<>();
        Matcher m = MISSING_TOOL.matcher(output);
        while (m.find()) {
            tools.add(m.group(1) != null ? m.group(1) : m.group(2));
        }
        return tools;
    }

    /** The line of the output that says something could not be fetched, when that is why it failed. */
    static Optional<String> unfetchable(String output) {
        for (String line : output.split("\n")) {
            for (Pattern p : UNFETCHABLE) {
                if (p.matcher(line).find()) {
                    String l = line.strip();
                    return Optional.of(l.length() > 200 ? l.substring(0, 197) + "..." : l);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Throws {@link NotRunHere} when {@code r} (a run of {@code what}, e.g. {@code generar-compose.sh})
     * failed because of a missing host tool or an unreachable package index.
     */
    static void rethrowIfOutside(String what, CommandResult r) {
        if (r.exitCode() == 0 && !r.timedOut()) {
            return;
        }
        Optional<String> tool = missingHostTool(r);
        if (tool.isPresent()) {
            throw new NotRunHere(what + " needs the program '" + tool.get() + "' on the host, and this machine has none",
                    "install " + tool.get() + " on the grading machine (or grade where it is installed)");
        }
        Matcher module = MISSING_PYTHON_MODULE.matcher(r.stderr());
        if (module.find()) {
            throw new NotRunHere(what + " needs the Python module '" + module.group(1) + "' on the host, and this machine has none",
                    "install it on the grading machine (e.g. pip install " + module.group(1) + ")");
        }
        Optional<String> fetch = unfetchable(r.stderr() + "\n" + r.stdout());
        if (fetch.isPresent()) {
            throw new NotRunHere(what + " needs to fetch something this machine cannot reach (" + fetch.get() + ")",
                    "grade on a machine with access to the package index or registry");
        }
    }

    static boolean onPath(String tool) {
        return find(tool).isPresent();
    }

    /** Where {@code tool} is: itself when it is a path, else the first executable of that name on the grader's PATH. */
    static java.util.Optional<Path> find(String tool) {
        if (tool.contains("/")) {
            return Files.isExecutable(Path.of(tool)) ? java.util.Optional.of(Path.of(tool).toAbsolutePath()) : java.util.Optional.empty();
        }
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return java.util.Optional.of(Path.of(dir, tool).toAbsolutePath());
            }
        }
        return java.util.Optional.empty();
    }
}
