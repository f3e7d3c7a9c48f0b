package dev.tpharness.tp0.scripts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import dev.tpharness.internal.Command;
import dev.tpharness.internal.CommandResult;
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
}
