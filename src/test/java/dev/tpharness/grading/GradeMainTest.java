package dev.tpharness.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line's wrong uses and its modes that need no Docker. */
class GradeMainTest {

    @TempDir
    Path dir;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = GradeMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "-e ej9; unknown exercise 'ej9'",
            "--jobs 0; give a whole number of 1 or more",
            "-j x; give a whole number of 1 or more",
            "--frobnicate; unknown option --frobnicate",
            "--out; --out needs a value",
            "--merge; --merge needs the result.json files",
            "--name a /x /y; --name names the one repository given",
            "--class c.txt /x; either in the class file or on the command line",
            "--class c.txt --matrix c.txt; exclude each other",
            "/no/such/folder; /no/such/folder: no such folder"})
    void wrongUseExitsTwoAndSaysWhy(String args, String message) {
        Run r = run(args.split(" "));
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
    }

    @Test
    void helpGoesToStdoutWithExitZero() {
        Run r = run("--help");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("usage: grade.sh", "--class FILE", "--merge", "--matrix", "Exit codes");
    }

    @Test
    void aBrokenClassFileIsWrongUseNamingTheLine() throws Exception {
        Path file = Files.writeString(dir.resolve("class.txt"), "alice /a\nbob\n");
        Run r = run("--class", file.toString(), "--out", dir.resolve("out").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("class.txt:2", "has no repository");
    }

    @Test
    void theMatrixListsTheClass() throws Exception {
        Path file = Files.writeString(dir.resolve("class.txt"), "# c\nalice https://github.com/alice/tp0.git\nbob repos/bob ej3,ej4\n");
        Run r = run("--matrix", file.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out().strip()).isEqualTo("{\"include\":[{\"name\":\"alice\",\"repo\":\"https://github.com/alice/tp0.git\"},"
                + "{\"name\":\"bob\",\"repo\":\"" + dir.resolve("repos/bob") + "\",\"exercises\":\"ej3,ej4\"}]}");
    }

    @Test
    void aMatrixLargerThanGitHubAllowsIsWrongUse() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 1; i <= GradeMain.MATRIX_LIMIT + 1; i++) {
            lines.append("s").append(i).append(" https://example.org/s").append(i).append(".git\n");
        }
        Path file = Files.writeString(dir.resolve("big.txt"), lines);
        Run r = run("--matrix", file.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("257 repositories", "at most 256 jobs", "split the class file");
    }

    @Test
    void aClassOfUngradableRepositoriesEndsWithAReportForEach() throws Exception {
        Path notGit = Files.createDirectories(dir.resolve("not-a-repo"));
        Path file = Files.writeString(dir.resolve("class.txt"), "ghost " + dir.resolve("missing") + "\nplain " + notGit + "\n");
        Path out = dir.resolve("out");
        Run r = run("--class", file.toString(), "--out", out.toString(), "-e", "ej1");
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.out()).contains("[1/2]", "[2/2]", "2 repositories: 2 ERROR");
        String csv = Files.readString(out.resolve("class-report.csv"));
        assertThat(csv).contains("ghost,-,ERROR", "does not exist", "plain,-,ERROR", "is not a git repository");
        assertThat(out.resolve("ghost/junit.xml")).content().contains("<error");
        assertThat(out.resolve("plain/result.json")).exists();
        // every results folder says what happened, in the same files as a graded one
        assertThat(out.resolve("ghost/report.md")).content().contains("# ghost: NOT GRADED", "does not exist");
        assertThat(out.resolve("ghost/exit-code")).content().isEqualToIgnoringWhitespace("1");
    }

    @Test
    void anOutFolderNotWrittenByTheGraderIsLeftAlone() throws Exception {
        Path out = dir.resolve("out");
        Path mine = Files.createDirectories(out.resolve("ghost"));
        Files.writeString(mine.resolve("notes.txt"), "the TA's own notes");
        Path file = Files.writeString(dir.resolve("class.txt"), "ghost /nowhere\nother /nowhere2\n");
        Run r = run("--class", file.toString(), "--out", out.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("was not written by the grader");
        assertThat(mine.resolve("notes.txt")).hasContent("the TA's own notes");
    }

    @Test
    void oneRepositoryNeverReplacesAFolderTheGraderDidNotWrite() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("alice"));
        Path out = dir.resolve("out");
        Path mine = Files.createDirectories(out.resolve("alice"));
        Files.writeString(mine.resolve("notes.txt"), "the TA's own notes");
        Run r = run("-o", out.toString(), "-e", "ej1", repo.toString());
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(2);
        assertThat(r.err()).contains(mine + " exists and was not written by the grader");
        assertThat(mine.resolve("notes.txt")).hasContent("the TA's own notes");
    }

    @Test
    void theResultsNeverGoInsideTheGradedRepositoryNorAroundIt() throws Exception {
        Path repo = Files.createDirectories(dir.resolve("alice"));
        Files.writeString(repo.resolve("README.md"), "the student's work");
        Run inside = run("-o", repo.resolve("grading").toString(), "-e", "ej1", repo.toString());
        assertThat(inside.exit()).as(inside.out() + inside.err()).isEqualTo(2);
        assertThat(inside.err()).contains("is inside the graded repository");
        assertThat(repo.resolve("grading")).doesNotExist();
        // <out>/alice would be the repository itself
        Run around = run("-o", dir.toString(), "-e", "ej1", repo.toString());
        assertThat(around.exit()).as(around.out() + around.err()).isEqualTo(2);
        assertThat(repo.resolve("README.md")).hasContent("the student's work");
    }

    @Test
    void anOutThatIsAFileIsWrongUse() throws Exception {
        Path file = Files.writeString(dir.resolve("out.txt"), "x");
        Run r = run("-o", file.toString(), "-e", "ej1", Files.createDirectories(dir.resolve("bob")).toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("is a file, not a folder").doesNotContain("Exception");
    }

    @Test
    void aUrlThatCannotBeClonedIsAnErrorNamingGit() throws Exception {
        Path out = dir.resolve("out");
        Run r = run("-o", out.toString(), "-e", "ej1", "file://" + dir.resolve("no-such-repo.git"));
        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
        assertThat(r.err()).contains("could not be graded", "cannot clone file://", "git clone");
        assertThat(out.resolve("no-such-repo/result.json")).content().contains("\"verdict\" : \"ERROR\"");
        assertThat(out.resolve("no-such-repo/repo")).doesNotExist();
    }
}
