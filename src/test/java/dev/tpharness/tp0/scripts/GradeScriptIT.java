package dev.tpharness.tp0.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
import dev.tpharness.internal.Poll;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code grade.sh} refuses wrong use before it grades anything, with the grader jar that
 * {@code package} built (an IT: the jar exists by then, so the script runs it instead of building it).
 */
class GradeScriptIT {

    private static CommandResult grade(String... args) {
        String[] argv = new String[args.length + 2];
        argv[0] = "bash";
        argv[1] = "grade.sh";
        System.arraycopy(args, 0, argv, 2, args.length);
        return Command.of(argv).withTimeout(Duration.ofSeconds(30)).run();
    }

    @ParameterizedTest(name = "grade.sh {0}: {1}")
    @CsvSource(delimiter = '|', value = {
        "-e ej9                  | unknown exercise 'ej9'",
        "-e ej1,ej5              | unknown exercise 'ej5'",
        "/no/such/tp0/repository | /no/such/tp0/repository: no such folder",
        "-x                      | unknown option -x",
        "no-such-a no-such-b     | no-such-a: no such folder",
        "--strict --bogus        | unknown option --bogus",
        "-e                      | -e needs a value",
        "--class /no/class.txt   | cannot read the class file /no/class.txt",
        "--merge                 | --merge needs the result.json files",
    })
    void wrongUseExitsTwoWithAMessageAndRunsNothing(String args, String message) {
        CommandResult r = grade(args.split(" "));
        assertThat(r.exitCode()).as(r.describe()).isEqualTo(2);
        assertThat(r.stderr()).contains(message);
        assertThat(r.stdout()).doesNotContain("Grading");
        assertThat(r.duration()).as("no build was started, nothing graded").isLessThan(Duration.ofSeconds(10));
    }

    /**
     * Ctrl-C while stacks run: the checks cut off by the teardown are not the student's FAILs. The
     * repository's result is an ERROR saying the grading was interrupted, with a matching report.
     */
    @Test
    void ctrlCMidGradingLeavesAnInterruptedResultNotFails(@TempDir Path dir) throws Exception {
        // a server that never exits: its SIGTERM checks wait out the 10 s grace, so they are surely
        // mid-way when the first check (the client's) has ended
        Path repo = Tp0FixtureRepos.create(Files.createDirectories(dir.resolve("repos")), "server-never-exits");
        Path out = dir.resolve("out");
        Path console = dir.resolve("console.txt");
        // SIGINT back to its default (see ChildRun: a CI script's background job inherits it ignored);
        // env and bash exec: the pid is the grader's JVM
        Process p = new ProcessBuilder("env", "--default-signal=INT", "bash", "grade.sh", "-e", "ej4", "-o", out.toString(), "--name", "alice",
                repo.toString())
                .redirectErrorStream(true).redirectOutput(console.toFile()).start();
        try {
            Poll.until("ej4's first check", Duration.ofMinutes(6), Duration.ofMillis(500), () -> read(console),
                    text -> text.contains("[ej4] ") || !p.isAlive(), text -> new AssertionError("no ej4 check ended in 6 min: " + text));
            // at once: the other SIGTERM checks are still inside their 10 s grace, however loaded the machine
            assertThat(p.isAlive()).as("still grading when interrupted; console: %s", read(console)).isTrue();
            Command.of("kill", "-INT", Long.toString(p.pid())).withTimeout(Duration.ofSeconds(5)).run();
            assertThat(p.waitFor(2, TimeUnit.MINUTES)).as("the grader ends after Ctrl-C; console: %s", read(console)).isTrue();
        } finally {
            p.destroyForcibly();
        }
        Path result = out.resolve("alice/result.json");
        assertThat(result).as("console: %s", read(console)).exists();
        assertThat(result).content().contains("\"verdict\" : \"ERROR\"", "interrupted").doesNotContain("\"FAIL\"");
        assertThat(out.resolve("alice/report.md")).content().contains("NOT GRADED", "interrupted");
        assertThat(out.resolve("alice/junit.xml")).content().doesNotContain("<failure");
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            return e.toString();
        }
    }
}
