package dev.tpharness.compose.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The order compose stops services in: dependants first, level by level. */
class ComposeFileStopOrderTest {

    @Test
    void clientsThatDependOnTheServerStopBeforeIt() {
        ComposeFile file = ComposeFile.parse("""
                services:
                  server: {image: s}
                  client1: {image: c, depends_on: [server]}
                  client2: {image: c, depends_on: {server: {condition: service_started}}}
                """, null);
        assertThat(file.stopOrder()).containsExactly(List.of("client1", "client2"), List.of("server"));
    }

    @Test
    void linksNetworkModeAndVolumesFromAreDependenciesToo() {
        ComposeFile file = ComposeFile.parse("""
                services:
                  db: {image: d}
                  app: {image: a, links: ["db:database"]}
                  sidecar: {image: s, network_mode: "service:app"}
                  backup: {image: b, volumes_from: ["db:ro", "container:elsewhere"]}
                  alone: {image: x}
                """, null);
        assertThat(file.stopOrder()).containsExactly(List.of("sidecar", "backup", "alone"), List.of("app"), List.of("db"));
    }

    @Test
    void unknownDependenciesAreIgnoredAndALoopStopsLast() {
        ComposeFile file = ComposeFile.parse("""
                services:
                  a: {image: x, depends_on: [b, elsewhere]}
                  b: {image: x, depends_on: [a]}
                  c: {image: x}
                """, null);
        assertThat(file.stopOrder()).containsExactly(List.of("c"), List.of("a", "b"));
    }
}
