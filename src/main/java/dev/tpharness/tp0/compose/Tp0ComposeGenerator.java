package dev.tpharness.tp0.compose;

import dev.tpharness.compose.model.ComposeFile;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The one generator of TP0's compose file (exercise 1): {@code generar-compose.sh} and the
 * harness both call it, so the script and the tests can never disagree.
 *
 * <pre>{@code
 * ComposeFile file = Tp0ComposeGenerator.generate(5);
 * file.serviceNames();                                  // [server, client1, ..., client5]
 * file.write(Path.of("docker-compose-dev.yaml"));       // atomic
 * }</pre>
 *
 * <p>The file has project {@code name: tp0}; a service {@code server} (container {@code server},
 * image {@code server:latest}, {@code ./server/config.ini} mounted read-only as
 * {@code /app/config.ini}); services {@code client1..clientN} (containers of the same name, image
 * {@code client:latest}, {@code ./client/config.yaml} mounted read-only as
 * {@code /app/config.yaml}, {@code environment: [CLI_ID=<i>]}, {@code depends_on: [server]});
 * everything on network {@code testing_net} with subnet {@code 172.25.125.0/24}. No other
 * environment variable is set, so the mounted config files stay in charge (exercise 2).
 *
 * <p>The output is deterministic: the same number of clients gives the same bytes.
 */
public final class Tp0ComposeGenerator {

    /** The compose project name ({@code name:}); on the host the network is {@code tp0_testing_net}. */
    public static final String PROJECT_NAME = "tp0";
    /** The one network every service joins. */
    public static final String NETWORK = "testing_net";
    /** The network's fixed subnet, from the course's original compose file. */
    public static final String SUBNET = "172.25.125.0/24";
    /** Service and container name of the echo server. */
    public static final String SERVER_SERVICE = "server";
    /** Image of the server, built by {@code docker build -f ./server/Dockerfile -t server:latest .}. */
    public static final String SERVER_IMAGE = "server:latest";
    /** Services and containers of the clients are this prefix plus {@code 1..N}. */
    public static final String CLIENT_PREFIX = "client";
    /** Image of the clients, built by {@code docker build -f ./client/Dockerfile -t client:latest .}. */
    public static final String CLIENT_IMAGE = "client:latest";
    /** The server's config file mount (read-only; relative to the compose file's folder). */
    public static final String SERVER_CONFIG_VOLUME = "./server/config.ini:/app/config.ini:ro";
    /** The clients' config file mount (read-only; relative to the compose file's folder). */
    public static final String CLIENT_CONFIG_VOLUME = "./client/config.yaml:/app/config.yaml:ro";
    /** The environment variable that carries each client's id. */
    public static final String CLIENT_ID_VARIABLE = "CLI_ID";

    /**
     * The most clients {@link #generate(int)} accepts. Far above what a TP0 stack runs (see
     * {@link #MAX_CLIENTS_IN_SUBNET}); it only keeps the file to a sensible size (about 2 MB).
     */
    public static final int MAX_CLIENTS = 10_000;

    /**
     * The most clients that can actually start on {@link #SUBNET}: a /24 has 253 usable
     * addresses once the gateway takes one, and the server takes another. Files with more
     * clients are valid, but {@code docker compose up} cannot give every container an address.
     */
    public static final int MAX_CLIENTS_IN_SUBNET = 252;

    private Tp0ComposeGenerator() {
    }

    /**
     * The compose file of the contract with {@code clients} clients.
     *
     * @param clients number of clients, {@code 0..}{@link #MAX_CLIENTS}; 0 gives the server alone
     * @throws IllegalArgumentException if {@code clients} is negative or above {@link #MAX_CLIENTS}
     */
    public static ComposeFile generate(int clients) {
        if (clients < 0 || clients > MAX_CLIENTS) {
            throw new IllegalArgumentException("number of clients must be between 0 and " + MAX_CLIENTS
                    + ", was " + clients);
        }
        ComposeFile file = ComposeFile.empty().name(PROJECT_NAME);
        addServer(file);
        for (int id = 1; id <= clients; id++) {
            addClient(file, id);
        }
        ObjectNode ipam = file.addNetwork(NETWORK).putObject("ipam");
        ipam.put("driver", "default");
        ipam.putArray("config").addObject().put("subnet", SUBNET);
        return file;
    }

    /** The service (and container) name of client {@code id}: {@code client<id>}. */
    public static String clientName(int id) {
        if (id < 1) {
            throw new IllegalArgumentException("client ids start at 1, was " + id);
        }
        return CLIENT_PREFIX + id;
    }

    private static void addServer(ComposeFile file) {
        ObjectNode server = file.addService(SERVER_SERVICE);
        server.put("container_name", SERVER_SERVICE);
        server.put("image", SERVER_IMAGE);
        server.putArray("volumes").add(SERVER_CONFIG_VOLUME);
        server.putArray("networks").add(NETWORK);
    }

    private static void addClient(ComposeFile file, int id) {
        String name = clientName(id);
        ObjectNode client = file.addService(name);
        client.put("container_name", name);
        client.put("image", CLIENT_IMAGE);
        client.putArray("environment").add(CLIENT_ID_VARIABLE + "=" + id);
        client.putArray("volumes").add(CLIENT_CONFIG_VOLUME);
        ArrayNode networks = client.putArray("networks");
        networks.add(NETWORK);
        client.putArray("depends_on").add(SERVER_SERVICE);
    }
}
