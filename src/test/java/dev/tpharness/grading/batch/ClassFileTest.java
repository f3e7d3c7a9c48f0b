package dev.tpharness.grading.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

class ClassFileTest {

    private static final Path BASE = Path.of("/classes");

    private static List<Student> parse(String... lines) {
        return ClassFile.parse("class.txt", List.of(lines), BASE);
    }

    @Test
    void namesAndSourcesWithCommentsAndBlankLines() {
        List<Student> students = parse("# TP0", "", "alice  https://github.com/alice/tp0.git", "bob\t../repos/bob ", "carol git@github.com:c/tp0.git",
                "  # indented comment", "dave /abs/dave");
        assertThat(students).containsExactly(new Student("alice", "https://github.com/alice/tp0.git"), new Student("bob", "/repos/bob"),
                new Student("carol", "git@github.com:c/tp0.git"), new Student("dave", "/abs/dave"));
        assertThat(students.get(0).isGitUrl()).isTrue();
        assertThat(students.get(1).isGitUrl()).isFalse();
        assertThat(students.get(2).isGitUrl()).isTrue();
    }

    @Test
    void aThirdFieldNamesTheExercisesOfThatRepository() {
        List<Student> students = parse("alice /a ej3", "bob /b ej1,ej3,ej1 # regrade", "carol /c");
        assertThat(students).extracting(Student::exercises).containsExactly(List.of("ej3"), List.of("ej1", "ej3"), List.of());
    }

    @Test
    void aLineWithoutRepositoryNamesItsLine() {
        assertThatThrownBy(() -> parse("alice /a", "bob")).hasMessageContaining("class.txt:2").hasMessageContaining("has no repository");
    }

    @Test
    void moreThanTwoFieldsAreRefused() {
        assertThatThrownBy(() -> parse("alice /a b c")).hasMessageContaining("class.txt:1").hasMessageContaining("more fields than");
        assertThatThrownBy(() -> parse("alice /a ej1;ej2")).hasMessageContaining("class.txt:1").hasMessageContaining("separated by commas");
    }

    @Test
    void namesThatCannotNameAFolderAreRefused() {
        assertThatThrownBy(() -> parse("../evil /a")).hasMessageContaining("class.txt:1").hasMessageContaining("not a usable name");
        assertThatThrownBy(() -> parse("a/b /a")).hasMessageContaining("not a usable name");
        assertThatThrownBy(() -> parse("x".repeat(65) + " /a")).hasMessageContaining("at most 64");
    }

    @Test
    void duplicateNamesIgnoringCaseAreRefused() {
        assertThatThrownBy(() -> parse("alice /a", "Alice /b")).hasMessageContaining("class.txt:2").hasMessageContaining("line 1");
    }

    @Test
    void aFileWithoutRepositoriesIsRefused() {
        assertThatThrownBy(() -> parse("# nothing", "")).hasMessageContaining("names no repository");
    }

    @Test
    void aMissingFileNamesIt() {
        assertThatThrownBy(() -> ClassFile.read(Path.of("/no/such/class.txt"))).hasMessageContaining("/no/such/class.txt: it does not exist");
    }

    @Test
    void trailingCommentsAByteOrderMarkAndTheHomeFolderAreUnderstood() {
        List<Student> students = parse("\uFEFFalice https://github.com/alice/tp0.git   # resubmitted", "bob ~/repos/bob\t# late");
        assertThat(students).containsExactly(new Student("alice", "https://github.com/alice/tp0.git"),
                new Student("bob", Path.of(System.getProperty("user.home"), "repos/bob").toString()));
    }

    @Test
    void namesForCommandLineRepositories() {
        assertThat(Student.nameFor("/home/ta/repos/alice-tp0/")).isEqualTo("alice-tp0");
        assertThat(Student.nameFor("https://github.com/bob/tp0.git")).isEqualTo("tp0");
        assertThat(Student.nameFor("git@github.com:carol/tp0-2026.git")).isEqualTo("tp0-2026");
        assertThat(Student.nameFor("/repos/a b")).isEqualTo("a-b");
        assertThat(Student.nameFor("/")).isEqualTo("repo");
    }
}
