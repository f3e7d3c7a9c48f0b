package dev.tpharness.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.tpharness.compose.model.ComposeFile;

/** A compose file written with anchors, merge keys and PyYAML's aliases runs as docker compose reads it. */
class ComposeAnchorsIT {

    /** The compose documentation's {@code x-} fragment merged into two services, plus what PyYAML writes for a shared object. */
    private static final String FILE = """
            x-worker: &worker
              image: alpine:3.20
              pull_policy: never
              command: [sh, -c, "echo \\"$$GREETING from worker\\"; sleep 300"]
            services:
              w1:
                <<: *worker
                environment: &id001
                  GREETING: hello
                networks: &id002
                - testing_net
              w2:
                <<: *worker
                command: [sh, -c, "echo \\"$$GREETING from w2\\"; sleep 300"]
                environment: *id001
                networks: *id002
            networks:
              testing_net: {}
            """;

    @Test
    void servicesMergingAnAnchorAndSharingPyyamlAliasesComeUpAsWritten() {
        ComposeStack stack = ComposeStack.isolated(ComposeFile.parse(FILE, null)).stopTimeout(Duration.ofSeconds(1)).build();
        try (stack) {
            stack.up();

            awaitLog(stack, "w1", "hello from worker");
            awaitLog(stack, "w2", "hello from w2");
            for (String service : stack.services()) {
                assertThat(Docker.run("inspect", "-f", "{{.State.Running}} {{range $n, $v := .NetworkSettings.Networks}}{{$n}}{{end}}",
                        stack.containerIds(service).get(0))).isEqualTo("true " + stack.network("testing_net"));
            }
        }
        assertThat(Docker.labelled("container", HarnessRun.PROJECT_LABEL + "=" + stack.project())).isEmpty();
        assertThat(Docker.labelled("network", HarnessRun.PROJECT_LABEL + "=" + stack.project())).isEmpty();
    }

    private static void awaitLog(ComposeStack stack, String service, String text) {
        Docker.awaitUntil(() -> stack.logs(service).contains(text), service + " log contains '" + text + "'");
    }
}
