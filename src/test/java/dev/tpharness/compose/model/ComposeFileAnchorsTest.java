package dev.tpharness.compose.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Anchors, aliases and merge keys mean what they meant to docker compose once a file is read. */
class ComposeFileAnchorsTest {

    private static final Path SOURCE = Path.of("/course/tp0/docker-compose-dev.yaml").toAbsolutePath();
    private static final String WHERE = SOURCE.toString();
    private static final Map<String, String> LABELS = new LinkedHashMap<>(Map.of("dev.tpharness", "true"));

    /** The compose documentation's extension-field pattern. */
    private static final String MERGED_WORKER = """
            x-worker: &worker
              image: busybox
              command: sleep 300
              environment:
                ROLE: worker
            services:
              w1:
                <<: *worker
                command: sleep 5
              w2:
                <<: *worker
            """;

    /** What PyYAML writes when a generator puts one Python object in two places. */
    private static final String PYYAML_ALIASES = """
            services:
              server:
                image: server:latest
                environment: &id001
                  LOGGING_LEVEL: DEBUG
                networks: &id002
                - testing_net
              client1:
                image: client:latest
                environment: *id001
                networks: *id002
            networks:
              testing_net: {}
            """;

    @Test
    void aServiceMergingAnAnchoredMappingGetsItsKeysAndItsOwnKeysWin() {
        ComposeFile file = ComposeFile.parse(MERGED_WORKER, SOURCE);

        assertThat(file.service("w1")).isEqualTo(mapping("""
                image: busybox
                command: sleep 5
                environment:
                  ROLE: worker
                """));
        assertThat(file.service("w2")).isEqualTo(mapping("""
                image: busybox
                command: sleep 300
                environment:
                  ROLE: worker
                """));
        assertThat(file.root().get("x-worker")).isEqualTo(file.service("w2"));
    }

    @Test
    void aMergeKeyTakesAnInlineMappingToo() {
        ComposeFile file = ComposeFile.parse("""
                services:
                  s:
                    <<: {image: busybox, command: sleep 1}
                    command: sleep 2
                """, SOURCE);

        assertThat(file.service("s")).isEqualTo(mapping("image: busybox\ncommand: sleep 2\n"));
    }

    @Test
    void aMergedListGivesPrecedenceToEarlierMappingsAndTheServiceOwnKeysWinOverAll() {
        ComposeFile file = ComposeFile.parse("""
                x-a: &a {image: a, command: from-a, user: a}
                x-b: &b {image: b, command: from-b, user: b, working_dir: /b}
                services:
                  s:
                    <<: [*a, *b]
                    user: own
                """, SOURCE);

        assertThat(file.service("s")).isEqualTo(mapping("image: a\ncommand: from-a\nuser: own\nworking_dir: /b\n"));
    }

    @Test
    void pyyamlAliasesBecomeIndependentCopies() {
        ComposeFile file = ComposeFile.parse(PYYAML_ALIASES, SOURCE);

        assertThat(file.service("client1").get("environment")).isEqualTo(mapping("LOGGING_LEVEL: DEBUG\n"));
        assertThat(file.service("client1").get("networks").valueStream().map(JsonNode::asString)).containsExactly("testing_net");

        ((ObjectNode) file.service("server").get("environment")).put("ONLY_SERVER", "1");
        ComposeFile isolated = file.isolated(LABELS);
        ((ObjectNode) isolated.service("client1").get("environment")).put("ONLY_CLIENT", "1");

        assertThat(isolated.service("server").get("environment")).isEqualTo(mapping("LOGGING_LEVEL: DEBUG\nONLY_SERVER: '1'\n"));
        assertThat(isolated.service("client1").get("environment")).isEqualTo(mapping("LOGGING_LEVEL: DEBUG\nONLY_CLIENT: '1'\n"));
        assertThat(file.service("client1").get("environment")).isEqualTo(mapping("LOGGING_LEVEL: DEBUG\n"));
    }

    @Test
    void anchorsOnScalarsAndListsAreCopiedWithTheirTypes() {
        ComposeFile file = ComposeFile.parse("""
                x-port: &port "8080:80"
                x-command: &command [sh, -c, "echo hi"]
                x-count: &count 3
                x-quoted: &quoted "3"
                services:
                  s:
                    ports: [*port, 70]
                    command: *command
                    x-count: *count
                    x-quoted: *quoted
                """, SOURCE);

        assertThat(file.service("s")).isEqualTo(mapping("""
                ports: ["8080:80", 70]
                command: [sh, -c, "echo hi"]
                x-count: 3
                x-quoted: "3"
                """));
        assertThat(file.service("s").get("x-count").isInt()).isTrue();
        assertThat(file.service("s").get("x-quoted").isString()).isTrue();
    }

    @Test
    void aQuotedLessThanLessThanKeyIsAnOrdinaryKey() {
        ComposeFile file = ComposeFile.parse("""
                x-a: &a {image: a}
                services:
                  s:
                    "<<": *a
                """, SOURCE);

        assertThat(file.service("s").get("<<")).isEqualTo(mapping("image: a\n"));
    }

    @Test
    void aRecursiveAliasIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  s:\n    x-loop: &loop\n      self: *loop\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":4: ")
                .hasMessageContaining("alias *loop is inside the node anchored &loop");
        assertThatThrownBy(() -> ComposeFile.parse("x-list: &l [a, [*l]]\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":1: ")
                .hasMessageContaining("*l");
    }

    @Test
    void anAliasBombIsRefusedBeforeItExpands() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 12; i++) {
            String previous = "*a" + (i - 1);
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(IntStream.range(0, 9).mapToObj(n -> previous).collect(Collectors.joining(", "))).append("]\n");
        }

        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertThatThrownBy(() -> ComposeFile.parse(bomb.toString(), SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":6: ")
                .hasMessageContaining("more than " + ExpandedYaml.MAX_COPIED_NODES + " YAML nodes"));
    }

    @Test
    void anAliasToNoAnchorIsRefused() {
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  s:\n    <<: *nowhere\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessage(WHERE + ":3: alias *nowhere names no anchor &nowhere defined before it");
    }

    @Test
    void aMergeKeyWhoseValueIsNotAMappingIsRefusedNamingTheFileAndLine() {
        assertThatThrownBy(() -> ComposeFile.parse("services:\n  s:\n    image: x\n    <<: worker\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessage(WHERE + ":4: the merge key '<<' takes a mapping or a list of mappings"
                        + " ('<<: *name' or '<<: [*a, *b]'), found the string 'worker'");
        assertThatThrownBy(() -> ComposeFile.parse("x-a: &a {image: a}\nservices:\n  s:\n    <<: [*a, 5]\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":4: ")
                .hasMessageEndingWith("found a list whose item 2 is the number 5");
        assertThatThrownBy(() -> ComposeFile.parse("x-n: &n 5\nservices:\n  s:\n    <<:\n      *n\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":5: ")
                .hasMessageEndingWith("found the number 5");
    }

    @Test
    void invalidYamlWithAnchorsIsStillReportedWithItsLine() {
        assertThatThrownBy(() -> ComposeFile.parse("x-a: &a {image: a}\nservices:\n  s: [*a\n", SOURCE))
                .isInstanceOf(ComposeFileException.class)
                .hasMessageStartingWith(WHERE + ":")
                .hasMessageContaining(": not valid YAML: ");
    }

    @Test
    void anIsolatedCopyIsWrittenExpandedAndReadsBackTheSame() {
        ComposeFile file = ComposeFile.parse(MERGED_WORKER + PYYAML_ALIASES.replace("services:\n", ""), SOURCE);
        ComposeFile isolated = file.isolated(LABELS);

        String yaml = isolated.toYaml();
        ComposeFile reread = ComposeFile.parse(yaml, SOURCE);

        assertThat(yaml).doesNotContain("*", "&", "<<");
        assertThat(reread.root()).isEqualTo(isolated.root());
        assertThat(reread.serviceNames()).containsExactly("w1", "w2", "server", "client1");
        assertThat(reread.service("w1").get("command").asString()).isEqualTo("sleep 5");
        assertThat(reread.service("w2").get("environment")).isEqualTo(mapping("ROLE: worker\n"));
        assertThat(reread.service("client1").get("networks").valueStream().map(JsonNode::asString)).containsExactly("testing_net");
        assertThat(keysAnywhere(reread.root())).doesNotContain("<<");
    }

    /**
     * Scalars whose type a YAML 1.1 reader would change ({@code 80:80} as a sexagesimal int,
     * {@code yes}/{@code on} as booleans...): the expanded reading types each as Jackson does.
     */
    private static final String TRICKY_SCALARS = """
            ports: [80:80, "8080:80", 1:20, 70, "70"]
            booleans: [true, false, True, FALSE, yes, no, on, off, y, n, Yes]
            nulls: [null, Null, NULL, ~, '', "null"]
            empty:
            numbers: [0, -0, +12, 017, 08, 0o17, 0x1F, 0b101, 1_000, 99999999999, 999999999999999999999]
            floats: [1.5, 1., .5, 0., 1e3, 1.0e+3, .inf, -.Inf, .nan, +.inf, 1_0.5, 12e]
            tagged: [!!str 12, !!int '12', !!float 3, !!null '', !!binary aGVsbG8=, !reset null, !custom 5, !!bool true]
            dates: [2001-12-14, "2001-12-14t21:59:43.10-05:00", 12:30:45]
            block: |
              line one
              line two
            folded: >
              folded
              text
            plain multi: a
              b
            flow: {a: 1, "b": "2", c: [x, {d: ~}]}
            """;

    @Test
    void trickyScalarsAreTypedExactlyAsByJacksonAlone() {
        JsonNode jackson = ComposeFile.MAPPER.readTree(TRICKY_SCALARS);

        assertThat(ExpandedYaml.needed(ComposeFile.MAPPER, TRICKY_SCALARS)).isFalse();
        assertThat(ExpandedYaml.read(ComposeFile.MAPPER, TRICKY_SCALARS, WHERE)).isEqualTo(jackson);
        JsonNode viaAlias = ComposeFile.parse("x-tricky: &tricky\n" + TRICKY_SCALARS.indent(2) + "copy: *tricky\n", SOURCE).root();
        assertThat(viaAlias.get("x-tricky")).isEqualTo(jackson);
        assertThat(viaAlias.get("copy")).isEqualTo(jackson);
        // what Jackson gives, spelled out for the values compose files use most
        assertThat(jackson.get("ports").get(0).isString()).isTrue();
        assertThat(jackson.get("ports").get(3).isInt()).isTrue();
        assertThat(jackson.get("ports").get(4).isString()).isTrue();
        assertThat(jackson.get("booleans").get(0).isBoolean()).isTrue();
        assertThat(jackson.get("booleans").get(4).isString()).isTrue();
        assertThat(jackson.get("empty").isNull()).isTrue();
    }

    @Test
    void aFileWithoutAnchorsTakesJacksonsOwnPath() {
        assertThat(ExpandedYaml.needed(ComposeFile.MAPPER, PYYAML_ALIASES.replace("&id001", "").replace("*id001", "{}")
                .replace("&id002", "").replace("*id002", "[]"))).isFalse();
        assertThat(ExpandedYaml.needed(ComposeFile.MAPPER, PYYAML_ALIASES)).isTrue();
        assertThat(ExpandedYaml.needed(ComposeFile.MAPPER, "s:\n  <<: {a: 1}\n")).isTrue();
        assertThat(ExpandedYaml.needed(ComposeFile.MAPPER, "s:\n  \"<<\": {a: 1}\n")).isFalse();
    }

    private static ObjectNode mapping(String yaml) {
        return (ObjectNode) ComposeFile.MAPPER.readTree(yaml);
    }

    private static java.util.List<String> keysAnywhere(JsonNode node) {
        java.util.List<String> keys = new java.util.ArrayList<>();
        if (node.isObject()) {
            node.properties().forEach(e -> {
                keys.add(e.getKey());
                keys.addAll(keysAnywhere(e.getValue()));
            });
        } else if (node.isArray()) {
            node.valueStream().forEach(v -> keys.addAll(keysAnywhere(v)));
        }
        return keys;
    }
}
