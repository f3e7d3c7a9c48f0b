package dev.tpharness.tp0.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import dev.tpharness.junit.DockerCompose;
import dev.tpharness.junit.StackSourcedBy;

/**
 * Runs the TP0 system, a {@code server} and {@code clients} generated clients, as made by the
 * project's compose generator ({@code generar-compose.sh}), with paths such as
 * {@code ./server/config.ini} resolved against {@link #directory()}.
 *
 * <pre>{@code
 * @Tp0Stack(clients = 3)
 * class ThreeClientsTest {
 *     @Test
 *     void everyClientFinishes(ComposeStack stack) { ... }
 * }
 * }</pre>
 *
 * <p>Same lifecycle, injection and failure evidence as {@link DockerCompose}; TP0's own use of
 * the harness's extension point {@link StackSourcedBy}.
 */
@Target({ElementType.TYPE, ElementType.FIELD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@StackSourcedBy(Tp0StackSource.class)
public @interface Tp0Stack {

    /** Number of clients ({@code client1..clientN}); 0 means the server alone. Default 1. */
    int clients() default 1;

    /**
     * The TP0 repository root (where {@code server/} and {@code client/} are). Default: the system
     * property {@code tp.project.root}, else the working directory.
     */
    String directory() default "";

    /**
     * Image of the server service. Default {@code server:latest}, as the course builds it
     * ({@code make docker-image}); name another tag to run images built elsewhere.
     */
    String serverImage() default "server:latest";

    /** Image of the client services. Default {@code client:latest}. */
    String clientImage() default "client:latest";

    /** See {@link DockerCompose#isolated()}. Default {@code true}; {@code false} gives project {@code tp0} as the course runs it. */
    boolean isolated() default true;

    /** See {@link DockerCompose#build()}. */
    boolean build() default false;

    /** See {@link DockerCompose#stopTimeoutSeconds()}. */
    int stopTimeoutSeconds() default 10;

    /** See {@link DockerCompose#upTimeoutSeconds()}. */
    int upTimeoutSeconds() default 300;
}
