package dev.tpharness.assertions;

import java.util.List;

import dev.tpharness.compose.ComposeStack;
import dev.tpharness.compose.ContainerState;
import org.assertj.core.api.AbstractAssert;

/**
 * Assertions on a running {@link ComposeStack}: the state of its services as Docker sees them now.
 *
 * @param <SELF> the concrete assertion type
 */
public abstract class AbstractComposeStackAssert<SELF extends AbstractComposeStackAssert<SELF>>
        extends AbstractAssert<SELF, ComposeStack> {

    protected AbstractComposeStackAssert(ComposeStack actual, Class<?> selfType) {
        super(actual, selfType);
    }

    /**
     * Every container of the service is running.
     *
     * <pre>{@code
     * assertThat(stack).hasServiceRunning("server");   // passes while the server runs
     * assertThat(stack).hasServiceRunning("client1");  // fails once client1 finished its loop:
     *                                                  // "expected client1 of tph-... to be running but: client1-1 (client1): exited, exit code 0"
     * }</pre>
     */
    public SELF hasServiceRunning(String service) {
        isNotNull();
        List<ContainerState> states = actual.states(service);
        if (states.isEmpty() || !states.stream().allMatch(ContainerState::isRunning)) {
            failWithMessage("expected %s of %s to be running but: %s", service, actual.project(),
                    states.isEmpty() ? "it has no container" : states);
        }
        return myself;
    }

    /**
     * Every container of the service has exited with this code.
     *
     * <pre>{@code
     * assertThat(stack).hasServiceExitedWith("client1", 0);  // passes after a clean loop
     * assertThat(stack).hasServiceExitedWith("client1", 0);  // fails for a client that exited 1:
     *                                                        // "expected client1 of tph-... to have exited with code 0 but: ... exit code 1"
     * }</pre>
     */
    public SELF hasServiceExitedWith(String service, int exitCode) {
        isNotNull();
        List<ContainerState> states = actual.states(service);
        boolean ok = !states.isEmpty() && states.stream().allMatch(s -> !s.isRunning() && s.exitCode().filter(c -> c == exitCode).isPresent());
        if (!ok) {
            failWithMessage("expected %s of %s to have exited with code %d but: %s", service, actual.project(), exitCode,
                    states.isEmpty() ? "it has no container" : states);
        }
        return myself;
    }
}
