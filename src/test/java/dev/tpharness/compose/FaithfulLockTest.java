package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** A course-faithful project is exclusive per machine: another JVM holding its lock file makes this one wait, then fail. */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class FaithfulLockTest {

    @TempDir
    Path dir;

    @Test
    void anotherProcessHoldingTheProjectMakesUpWaitThenFailNamingTheLockFile() throws Exception {
        String project = "tph-locktest-" + HarnessRun.newId(3);
        Path holder = Files.writeString(dir.resolve("Holder.java"), """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Holder {
                    public static void main(String[] a) throws Exception {
                        try (FileChannel c = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                             var lock = c.lock()) {
                            System.out.println("locked");
                            System.in.read(); // until the test closes our stdin
                        }
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process other = new ProcessBuilder(java.toString(), holder.toString(), FaithfulLock.lockPath(project).toString())
                .redirectErrorStream(true).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(other.getInputStream(), StandardCharsets.UTF_8));
            assertThat(out.readLine()).isEqualTo("locked");

            long start = System.nanoTime();
            assertThatThrownBy(() -> FaithfulLock.acquire(project, Duration.ofMillis(700), "this test"))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("course-faithful project '" + project + "' is held by another process on this machine")
                    .hasMessageContaining(FaithfulLock.lockPath(project).toString());
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(600));

            other.getOutputStream().close();
            assertThat(other.waitFor(20, TimeUnit.SECONDS)).isTrue();
            FaithfulLock.acquire(project, Duration.ofSeconds(5), "this test");
            FaithfulLock.release(project);
            FaithfulLock.acquire(project, Duration.ofSeconds(5), "this test, again");
            FaithfulLock.release(project);
        } finally {
            other.destroyForcibly();
            Files.deleteIfExists(FaithfulLock.lockPath(project));
        }
    }
}
