package dev.tpharness.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

class FailuresTest {

    private static String printed(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static int occurrences(String text, String part) {
        return text.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void anAssertionFailedErrorKeepsItsTypeExpectedActualAndTraceAndPrintsItsMessageOnce() {
        AssertionFailedError original = new AssertionFailedError("echo mismatch at offset 4", "hello", "hellO");

        Throwable noted = Failures.withNote(original, "\nlogs written to /tmp/x");

        assertThat(noted).isInstanceOf(AssertionFailedError.class).hasMessage("echo mismatch at offset 4\nlogs written to /tmp/x");
        assertThat(((AssertionFailedError) noted).getExpected().getValue()).isEqualTo("hello");
        assertThat(((AssertionFailedError) noted).getActual().getValue()).isEqualTo("hellO");
        assertThat(noted.getStackTrace()).isEqualTo(original.getStackTrace());
        assertThat(occurrences(printed(noted), "echo mismatch at offset 4")).isEqualTo(1);
    }

    @Test
    void aPlainAssertionErrorKeepsItsOwnCauseButDoesNotBecomeOne() {
        IllegalStateException root = new IllegalStateException("engine said no");
        AssertionError original = new AssertionError("server did not stop", root);
        original.addSuppressed(new RuntimeException("cleanup failed"));

        Throwable noted = Failures.withNote(original, " (evidence in /tmp/y)");

        assertThat(noted.getClass()).isEqualTo(AssertionError.class);
        assertThat(noted).hasMessage("server did not stop (evidence in /tmp/y)").hasCause(root);
        assertThat(noted.getSuppressed()).extracting(Throwable::getMessage).containsExactly("cleanup failed");
        assertThat(occurrences(printed(noted), "server did not stop")).isEqualTo(1);
    }

    @Test
    void anyOtherFailureKeepsItsTypeAndMessageAndCarriesTheNoteAsSuppressed() {
        IllegalArgumentException original = new IllegalArgumentException("bad port");

        Throwable noted = Failures.withNote(original, "\nlogs written to /tmp/z");

        assertThat(noted).isSameAs(original).hasMessage("bad port");
        assertThat(noted.getSuppressed()).singleElement().satisfies(note -> assertThat(note)
                .isInstanceOf(Failures.Note.class).hasMessage("logs written to /tmp/z"));
    }

    @Test
    void inMessagePutsTheNoteInTheMessageOfEveryAssertionErrorSubclass() {
        AssertionError subclass = new AssertionError("x") { };

        AssertionError noted = Failures.inMessage(subclass, "\nevidence: /tmp/w");

        assertThat(noted).hasMessage("x\nevidence: /tmp/w").hasNoCause();
        assertThat(noted.getStackTrace()).isEqualTo(subclass.getStackTrace());
        assertThat(occurrences(printed(noted), "x\nevidence")).isEqualTo(1);
    }
}
