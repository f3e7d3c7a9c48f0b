package dev.tpharness.tp0.grading.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

import dev.tpharness.internal.Command;
import dev.tpharness.tp0.fixtures.Tp0FixtureRepos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images of a checkout are built once per run and content (the default), and only the
 * benchmark's naive way ({@link Tp0Images#REBUILD_PER_TEST}) builds them again for every test.
 * Built from the BusyBox fixture with a unique marker file, so the content hash (and the tags) are
 * this test's own.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Tp0ImagesIT {

    private Path dir;
    private Checkout checkout;
    private final Set<String> seen = new LinkedHashSet<>();

    @BeforeAll
    void checkout(@TempDir Path tmp) throws Exception {
        dir = tmp;
        Path src = Tp0FixtureRepos.fixturesRoot().resolve(Tp0FixtureRepos.CORRECT);
        Path copy = new Checkout("", src, "", "").copyTo(dir.resolve("repo"));
        Files.writeString(copy.resolve("marker.txt"), UUID.randomUUID().toString());
        checkout = Checkout.of("ej1", copy, "fixture copy");
    }

    @AfterAll
    void removeImages() {
        seen.forEach(id -> Command.of("docker", "rmi", "-f", id).withTimeout(Duration.ofSeconds(60)).run());
    }

    @Test
    void byDefaultTheImagesAreBuiltOnceAndShared() {
        Tp0Images first = Tp0Images.of(checkout);
        String serverId = id(first.server());
        String clientId = id(first.client());

        Tp0Workspace a = new Tp0Workspace(checkout, dir.resolve("a"));
        Tp0Workspace b = new Tp0Workspace(checkout, dir.resolve("b"));

        assertThat(first.server()).isEqualTo("tph-tp0-server:" + checkout.contentHash());
        assertThat(a.images()).isEqualTo(first).isEqualTo(b.images());
        assertThat(id(a.images().server())).as("server image id after other tests asked").isEqualTo(serverId);
        assertThat(id(b.images().client())).as("client image id after other tests asked").isEqualTo(clientId);
    }

    @Test
    void rebuildPerTestBuildsEachTestItsOwnImagesOnce() {
        Tp0Images shared = Tp0Images.of(checkout);
        String before = id(shared.server());

        Tp0Workspace a = new Tp0Workspace(checkout, dir.resolve("c"), Tp0Workspace.Options.defaults().withRebuildImages(true));
        Tp0Images ofA = a.images();
        String afterA = id(ofA.server());
        assertThat(id(a.images().server())).as("a second call in the same test does not rebuild").isEqualTo(afterA);
        Tp0Workspace b = new Tp0Workspace(checkout, dir.resolve("d"), Tp0Workspace.Options.defaults().withRebuildImages(true));
        b.images();
        String afterB = id(b.images().server());

        assertThat(Set.of(before, afterA, afterB)).as("server image ids: shared, test a's, test b's").hasSize(3);
    }

    private String id(String tag) {
        String id = Tp0Images.imageId(tag);
        seen.add(id);
        return id;
    }
}
