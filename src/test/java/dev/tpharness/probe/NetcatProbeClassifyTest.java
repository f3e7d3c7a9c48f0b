package dev.tpharness.probe;

import static dev.tpharness.probe.ExchangeOutcome.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The outcome rules on BusyBox nc's real exit statuses and messages (seen in NetcatProbeIT). */
class NetcatProbeClassifyTest {

    @Test
    void exitZeroWithAReplyIsReplied() {
        assertThat(NetcatProbe.classify(0, "", 6, 6)).isEqualTo(REPLIED);
    }

    @Test
    void exitZeroWithNothingBackForANonEmptyPayloadIsClosedWithoutReply() {
        assertThat(NetcatProbe.classify(0, "", 6, 0)).isEqualTo(CLOSED_WITHOUT_REPLY);
    }

    @Test
    void exitZeroWithNothingBackForAnEmptyPayloadIsReplied() {
        assertThat(NetcatProbe.classify(0, "", 0, 0)).isEqualTo(REPLIED);
    }

    @Test
    void killedAtTheDeadlineIsNoReplyOrAnUnclosedReply() {
        assertThat(NetcatProbe.classify(137, "", 3, 0)).isEqualTo(NO_REPLY_WITHIN_TIMEOUT);
        assertThat(NetcatProbe.classify(137, "", 3, 3)).isEqualTo(REPLY_NOT_CLOSED_WITHIN_TIMEOUT);
    }

    @Test
    void ncErrorsAreToldApartByTheirMessage() {
        assertThat(NetcatProbe.classify(1, "nc: can't connect to remote host (172.19.0.2): Connection refused\n", 3, 0))
                .isEqualTo(CONNECTION_REFUSED);
        assertThat(NetcatProbe.classify(1, "nc: bad address 'nosuchhost'\n", 3, 0)).isEqualTo(UNKNOWN_HOST);
        assertThat(NetcatProbe.classify(1, "nc: timed out\n", 3, 0)).isEqualTo(CONNECT_TIMEOUT);
        assertThat(NetcatProbe.classify(1, "nc: read error: Connection reset by peer\n", 3, 0)).isEqualTo(CONNECTION_RESET);
    }

    @Test
    void anythingElseIsAProbeFailure() {
        assertThat(NetcatProbe.classify(1, "Error response from daemon: No such container: x\n", 3, 0)).isEqualTo(PROBE_FAILED);
        assertThat(NetcatProbe.classify(126, "OCI runtime exec failed", 3, 0)).isEqualTo(PROBE_FAILED);
    }
}
