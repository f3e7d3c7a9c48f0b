package dev.tpharness.probe;

/** How one netcat exchange ended, as told by the probe's exit status, its stderr and the reply. */
public enum ExchangeOutcome {
    /** The server replied and closed the connection; the reply is complete (it may be empty for an empty payload). */
    REPLIED("the server replied and closed the connection"),
    /** The server accepted the connection and closed it without sending a byte back. */
    CLOSED_WITHOUT_REPLY("the server closed the connection without replying"),
    /** Nothing listens on that port (or the container is not running). */
    CONNECTION_REFUSED("the connection was refused: nothing listens on that host and port"),
    /** The host name does not resolve on the probe's network. */
    UNKNOWN_HOST("the host name does not resolve on the probe's network"),
    /** The TCP connection could not be established within the connect timeout. */
    CONNECT_TIMEOUT("the connection could not be established within the connect timeout"),
    /** The server reset the connection. */
    CONNECTION_RESET("the server reset the connection"),
    /** Connected, but no byte came back and the connection stayed open until the reply timeout. */
    NO_REPLY_WITHIN_TIMEOUT("no reply within the reply timeout: the server neither answered nor closed the connection"),
    /** Some bytes came back, but the server did not close the connection before the reply timeout. */
    REPLY_NOT_CLOSED_WITHIN_TIMEOUT("the server replied but did not close the connection within the reply timeout"),
    /** The probe itself failed (see the exchange's probe output). */
    PROBE_FAILED("the probe itself failed");

    private final String description;

    ExchangeOutcome(String description) {
        this.description = description;
    }

    /** One sentence for failure messages. */
    public String description() {
        return description;
    }

    /** Whether the server ended the exchange by closing the connection, so the reply is complete. */
    public boolean isComplete() {
        return this == REPLIED || this == CLOSED_WITHOUT_REPLY;
    }
}
