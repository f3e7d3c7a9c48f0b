package dev.tpharness.probe;

import java.net.URI;
import java.util.Objects;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;

/**
 * rest-assured for a service that publishes an HTTP port: resolves the base URI from what
 * {@code docker compose port <service> <port>} prints and hands out request specifications
 * ready for a rest-assured chain.
 *
 * <pre>{@code
 * HttpProbe api = HttpProbe.forService("api", 8080, stack::port);   // stack::port runs `docker compose port`
 * api.request().when().get("/health").then().statusCode(200);
 *
 * HttpProbe.at(URI.create("http://localhost:49153")).request().get("/").then().statusCode(200);
 * }</pre>
 *
 * <p>Immutable; {@link #request()} returns a fresh specification each time and never touches
 * rest-assured's static configuration.
 */
public final class HttpProbe {

    /**
     * Where a published port is: given a service and a container port, returns the output of
     * {@code docker compose port <service> <port>} (e.g. {@code 0.0.0.0:49153}). The stack handle
     * provides one; tests can use a lambda.
     */
    @FunctionalInterface
    public interface PublishedPortLookup {
        String port(String service, int containerPort);
    }

    private final URI baseUri;

    private HttpProbe(URI baseUri) {
        this.baseUri = Objects.requireNonNull(baseUri, "baseUri");
        if (baseUri.getScheme() == null || baseUri.getHost() == null || baseUri.getPort() < 0) {
            throw new IllegalArgumentException("base URI needs a scheme, host and port, was " + baseUri);
        }
    }

    /** A probe for the HTTP server at this base URI (scheme, host and port). */
    public static HttpProbe at(URI baseUri) {
        return new HttpProbe(baseUri);
    }

    /**
     * A probe for {@code service}'s published {@code containerPort}, found through {@code lookup}.
     *
     * @throws IllegalArgumentException starting {@code cannot reach port N of service 'S' from the host:}
     *     and saying how to publish the port, when it is not published
     */
    public static HttpProbe forService(String service, int containerPort, PublishedPortLookup lookup) {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(lookup, "lookup");
        String where = "cannot reach port " + containerPort + " of service '" + service + "' from the host: ";
        String output;
        try {
            output = lookup.port(service, containerPort);
        } catch (IllegalArgumentException e) {
            // the stack's own lookup already names the fix (an unpublished port, an unknown service)
            throw new IllegalArgumentException(where + e.getMessage(), e);
        }
        try {
            return new HttpProbe(baseUriFromPortOutput(output));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + e.getMessage() + ". To fix, publish the port in the compose file, e.g. "
                    + "`ports: [\"" + containerPort + "\"]` (any free host port is chosen).", e);
        }
    }

    /**
     * Parses the output of {@code docker compose port} / {@code docker port}: the first line of the
     * form {@code HOST:PORT}, where HOST may be {@code 0.0.0.0}, {@code [::]}, {@code ::} or empty
     * (all mean "every interface": the result uses {@code localhost}), an IPv4 address, a bracketed
     * IPv6 address or a host name.
     *
     * <pre>{@code
     * baseUriFromPortOutput("0.0.0.0:49153")   // http://localhost:49153
     * baseUriFromPortOutput(":::49153")        // http://localhost:49153
     * baseUriFromPortOutput("127.0.0.1:8080")  // http://127.0.0.1:8080
     * }</pre>
     *
     * @throws IllegalArgumentException when no line has a port in 1..65535 (the port is not published)
     */
    public static URI baseUriFromPortOutput(String output) {
        if (output == null || output.isBlank()) {
            throw new IllegalArgumentException("`docker compose port` printed nothing");
        }
        for (String line : output.strip().split("\\R")) {
            String l = line.strip();
            int colon = l.lastIndexOf(':');
            if (colon < 0 || !l.substring(colon + 1).matches("\\d{1,5}")) {
                continue;
            }
            int port = Integer.parseInt(l.substring(colon + 1));
            if (port < 1 || port > 65535) {
                continue;
            }
            return URI.create("http://" + hostFor(l.substring(0, colon)) + ":" + port);
        }
        throw new IllegalArgumentException("no published HOST:PORT in `docker compose port` output '"
                + output.strip() + "'");
    }

    private static String hostFor(String host) {
        String h = host.strip();
        if (h.isEmpty() || h.equals("0.0.0.0") || h.equals("::") || h.equals("[::]") || h.equals("*")) {
            return "localhost";
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            return h;
        }
        return h.contains(":") ? "[" + h + "]" : h;
    }

    /** The resolved base URI, e.g. {@code http://localhost:49153}. */
    public URI baseUri() {
        return baseUri;
    }

    /** A new rest-assured request specification with this base URI and port. */
    public RequestSpecification request() {
        return RestAssured.given()
                .baseUri(baseUri.getScheme() + "://" + baseUri.getHost())
                .port(baseUri.getPort());
    }

    @Override
    public String toString() {
        return "HttpProbe[" + baseUri + "]";
    }
}
