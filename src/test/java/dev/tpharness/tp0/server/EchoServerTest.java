package dev.tpharness.tp0.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

import dev.tpharness.tp0.InProcessEchoServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 20, unit = TimeUnit.SECONDS)
class EchoServerTest {

    private InProcessEchoServer echo;
    private EchoServer server;

    @BeforeEach
    void start() throws IOException {
        echo = new InProcessEchoServer();
        server = echo.server();
    }

    @AfterEach
    void stop() throws InterruptedException {
        echo.close();
    }

    private Socket connect() throws IOException {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("localhost", server.port()), 2_000);
        s.setSoTimeout(5_000);
        return s;
    }

    private static byte[] readAll(InputStream in) throws IOException {
        return in.readAllBytes();
    }

    private byte[] exchange(byte[] payload, boolean halfClose) throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write(payload);
            s.getOutputStream().flush();
            if (halfClose) {
                s.shutdownOutput();
            }
            return readAll(s.getInputStream());
        }
    }

    private String logText() {
        return echo.logText();
    }

    @Test
    void echoesALineByteForByteAndLogsItWithoutTheNewline() throws IOException {
        byte[] msg = "[CLIENT 1] Message N\u00b01\n".getBytes(StandardCharsets.UTF_8);
        assertThat(exchange(msg, false)).isEqualTo(msg);
        awaitLog("action: receive_message | result: success | ip: 127.0.0.1 | msg: [CLIENT 1] Message N\u00b01\n");
    }

    @Test
    void partialWritesByThePeerAreReassembled() throws Exception {
        try (Socket s = connect()) {
            OutputStream out = s.getOutputStream();
            for (String part : new String[] {"hel", "lo ", "wor", "ld\n"}) {
                out.write(part.getBytes(StandardCharsets.UTF_8));
                out.flush();
                TimeUnit.MILLISECONDS.sleep(30); // the server must see separate reads
            }
            assertThat(new String(readAll(s.getInputStream()), StandardCharsets.UTF_8)).isEqualTo("hello world\n");
        }
    }

    @Test
    void echoes64KiBWithoutShortWrites() throws IOException {
        byte[] msg = new byte[64 * 1024];
        Arrays.fill(msg, (byte) 'x');
        msg[msg.length - 1] = '\n';
        assertThat(exchange(msg, false)).isEqualTo(msg);
    }

    @Test
    void messageWithoutNewlineEndsAtHalfClose() throws IOException {
        byte[] msg = "no newline \u0000 here".getBytes(StandardCharsets.UTF_8);
        assertThat(exchange(msg, true)).isEqualTo(msg);
    }

    @Test
    void onlyTheFirstLineIsAnswered() throws IOException {
        assertThat(new String(exchange("one\ntwo\n".getBytes(StandardCharsets.UTF_8), true), StandardCharsets.UTF_8)).isEqualTo("one\n");
    }

    @Test
    void keepsServingAfterAClientDisconnectsEarly() throws IOException {
        try (Socket s = connect()) {
            s.getOutputStream().write("half a mess".getBytes(StandardCharsets.UTF_8));
        } // closed without newline or reading
        try (Socket s = connect()) {
            s.close(); // connected and gone without a byte
        }
        byte[] msg = "still here\n".getBytes(StandardCharsets.UTF_8);
        assertThat(exchange(msg, false)).isEqualTo(msg);
    }

    @Test
    void shutdownClosesListenerAndOpenConnectionAndLogsEach() throws Exception {
        Socket idle = connect(); // accepted, never sends: the server is blocked reading it
        awaitLog("action: accept_connections | result: success");
        server.shutdown("SIGTERM");
        echo.awaitServeReturned();
        assertThat(echo.isServing()).isFalse();
        assertThat(server.awaitStopped(Duration.ofSeconds(1))).isTrue();
        assertThat(idle.getInputStream().read()).isEqualTo(-1);
        idle.close();
        String text = logText();
        assertThat(text).contains("action: shutdown | result: in_progress | signal: SIGTERM")
                .contains("action: close_server_socket | result: success | port: " + server.port())
                .contains("action: close_client_connection | result: success | ip: 127.0.0.1")
                .contains("action: shutdown | result: success")
                .doesNotContain("result: fail");
        assertThat(text.indexOf("close_client_connection")).isLessThan(text.lastIndexOf("action: shutdown | result: success"));
    }

    @Test
    void shutdownWhileIdleStopsAccepting() throws Exception {
        awaitLog("action: accept_connections | result: in_progress");
        server.shutdown("SIGTERM");
        echo.awaitServeReturned();
        assertThat(echo.isServing()).isFalse();
        try (Socket s = new Socket()) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> s.connect(new InetSocketAddress("localhost", server.port()), 1_000))
                    .isInstanceOf(IOException.class);
        }
    }

    private void awaitLog(String fragment) {
        echo.awaitLog(fragment);
    }
}
