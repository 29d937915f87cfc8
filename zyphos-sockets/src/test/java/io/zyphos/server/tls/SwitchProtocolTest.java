package io.zyphos.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.server.LineProtocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import io.zyphos.testing.TestProtocol;
import io.zyphos.testing.TlsClients;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Connection.switchProtocol}: what an HTTP/1.1 {@code Upgrade} (h2c, WebSocket) does on a
 * live connection, shown with a line protocol that becomes echo on the line "SWITCH". The old
 * handler is told it was switched away; the new one gets the leftover the old one hands over
 * first, then the bytes the old one left unread (here, those that came in the same packet as
 * "SWITCH"), then what arrives later. The switch is above TLS, so it works the same over TLS.
 */
class SwitchProtocolTest {

    private static final SSLContext CLIENT = TlsClients.trusting(TlsServers.LOCALHOST.certificate());

    static List<Arguments> transportsInClearAndOverTls() {
        List<Arguments> all = new ArrayList<>();
        for (Transport t : Transport.values()) {
            all.add(Arguments.of(t, false));
            all.add(Arguments.of(t, true));
        }
        return all;
    }

    private static LoopbackClient connect(Server server, boolean tls) {
        return tls
                ? TlsClients.connect(server.localAddress(), CLIENT, "localhost", "TLSv1.3")
                : LoopbackClient.connect(server.localAddress());
    }

    private static Server.Builder server(Transport transport, boolean tls) {
        Server.Builder b = Server.builder().transport(transport);
        return tls ? b.tls(TlsServers.config().build()) : b;
    }

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    /** Answers "line:" and the line; on "SWITCH" becomes echo, handing over "[L]" as leftover. */
    private static Protocol lineThenEcho(AtomicInteger switchedAway, boolean later) {
        Protocol lines = new LineProtocol("line", List.of(), (c, line) -> {
            if (!line.equals("SWITCH")) {
                TlsServers.write(c, "line:" + line + "\n");
                return;
            }
            Runnable toEcho = () -> c.switchProtocol(new EchoProtocol(), ascii("[L]"));
            if (later) {
                // From a task, the way a handler that answered from another thread comes back.
                Thread.ofVirtual().start(() -> c.execute(toEcho));
            } else {
                toEcho.run();
            }
        });
        return new TestProtocol("line", connection -> {
            ProtocolHandler handler = lines.newHandler(connection);
            return new ProtocolHandler() {
                @Override
                public void onRead(ByteBuf in, long nowNanos) {
                    handler.onRead(in, nowNanos);
                }

                @Override
                public void onSwitchedAway() {
                    switchedAway.incrementAndGet();
                }
            };
        });
    }

    @ParameterizedTest(name = "{0} tls={1}")
    @MethodSource("transportsInClearAndOverTls")
    void theNextProtocolGetsTheLeftoverThenWhatTheOldOneLeftUnread(Transport transport, boolean tls) throws Exception {
        AtomicInteger switchedAway = new AtomicInteger();
        try (Server server = server(transport, tls).protocol(lineThenEcho(switchedAway, false)).start();
             LoopbackClient peer = connect(server, tls)) {
            peer.send("hello\nSWITCH\nabc");
            assertEquals("line:hello\n[L]abc", peer.readAscii(17));
            peer.send("SWITCH\n");
            assertEquals("SWITCH\n", peer.readAscii(7), "echo now: the line protocol is gone");
            assertEquals(1, switchedAway.get());
            assertEquals(1, server.metrics().snapshot().get("zyphos_protocol_switches_total"));
        }
    }

    @ParameterizedTest(name = "{0} tls={1}")
    @MethodSource("transportsInClearAndOverTls")
    void aSwitchFromATaskGivesTheNextProtocolTheSameBytes(Transport transport, boolean tls) throws Exception {
        AtomicInteger switchedAway = new AtomicInteger();
        try (Server server = server(transport, tls).protocol(lineThenEcho(switchedAway, true)).start();
             LoopbackClient peer = connect(server, tls)) {
            peer.send("SWITCH\nab");
            // Whether "ab" reaches echo at the switch or with the next read, it comes after the leftover.
            assertEquals("[L]", peer.readAscii(3));
            peer.send("cd");
            assertEquals("abcd", peer.readAscii(4));
            assertEquals(1, switchedAway.get());
        }
    }
}
