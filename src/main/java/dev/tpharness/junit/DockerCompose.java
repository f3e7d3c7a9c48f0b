package dev.tpharness.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs a compose file as a {@link dev.tpharness.compose.ComposeStack} for the annotated test
 * class or field, and takes it down with {@code down -v} afterwards.
 *
 * <pre>{@code
 * @DockerCompose(file = "docker-compose-dev.yaml")
 * class EchoServerTest {
 *     @Test
 *     void serverAnswers(ComposeStack stack) {
 *         assertThat(stack.logs("server")).contains("action: accept_connections");
 *     }
 * }
 * }</pre>
 *
 * <p>Lifecycle: on a class, or on a {@code static ComposeStack} field, one stack serves every test
 * of the class (and of its {@code @Nested} classes); on an instance {@code ComposeStack} field,
 * every test gets a stack of its own. The stack is injected into the field, and into test and
 * lifecycle method parameters of type {@code ComposeStack} when exactly one stack is in scope.
 *
 * <p>When a test fails, every service's log and the state of every container are written to
 * {@code target/tp-harness/<test>/} and the failure message says where.
 */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@StackSourcedBy(DockerComposeSource.class)
public @interface DockerCompose {

    /**
     * The compose file; a relative path is resolved against the working directory (with Maven,
     * the module folder). Relative paths inside the file resolve against the file's folder.
     */
    String file();

    /**
     * {@code true} (default): a private copy (project {@code tph-<random>}, no fixed container
     * names, subnets or host ports) that runs next to any other. {@code false}: names as written,
     * project {@code tp0}, one such stack of a project at a time on the machine.
     */
    boolean isolated() default true;

    /** Rebuild images before starting ({@code up --build}). Default {@code false}: build only missing images. */
    boolean build() default false;

    /** Grace period, in seconds, that {@code down} gives containers after SIGTERM. Default 10. */
    int stopTimeoutSeconds() default 10;

    /** Limit, in seconds, for {@code up} (image builds included). Default 300. */
    int upTimeoutSeconds() default 300;
}
