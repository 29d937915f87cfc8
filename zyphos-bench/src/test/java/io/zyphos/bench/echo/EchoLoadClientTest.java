package io.zyphos.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.Connection;
import io.zyphos.server.Protocol;
import io.zyphos.server.ProtocolHandler;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The echo harness's load client against a real echo server (RFC 862: every byte comes back) on
 * each transport: every byte that returns is compared with the byte sent on that connection, so a
 * lost, reordered or crossed byte shows up as an error. The CI smoke test of {@code bench echo};
 * no figure is asserted.
 */
class EchoLoadClientTest {

    private static final int CONNECTIONS = 8;
    private static final Duration WINDOW = Duration.ofMillis(250);
    private static final int MAX_WINDOWS = 120;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyEchoedByteMatchesWhatWasSent(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).port(0).threads(2)
                        .protocol(new EchoProtocol()).start();
                EchoLoadClient client = EchoLoadClient.connect(server.localAddress(), CONNECTIONS)) {
            LoadResult result = runUntilARoundTrip(client);

            assertTrue(result.requests() > 0, "no round trip completed");
            assertEquals(0, result.bytesVerified() % EchoLoadClient.MESSAGE_SIZE, "a message came back in part");
            assertEquals(0, result.mismatchedBytes(), "echoed bytes differing from those sent");
            assertEquals(0, result.connectionErrors(), "connections lost");
            assertEquals(CONNECTIONS, client.openConnections());
        }
    }

    @Test
    void aCorruptedEchoIsCountedAsMismatchedBytes() throws Exception {
        try (Server server = Server.builder().port(0).threads(1).protocol(new OffByOneEcho()).start();
                EchoLoadClient client = EchoLoadClient.connect(server.localAddress(), 1)) {
            LoadResult result = runUntilARoundTrip(client);

            assertTrue(result.requests() > 0, "no round trip completed");
            assertEquals(result.bytesVerified(), result.mismatchedBytes(), "every byte was changed by one");
        }
    }

    /**
     * Runs windows until one completed a round trip (a slow or busy machine may need several),
     * up to {@value #MAX_WINDOWS}: the test is about correctness, never about speed.
     */
    private static LoadResult runUntilARoundTrip(EchoLoadClient client) throws Exception {
        LoadResult result = client.run(WINDOW);
        for (int i = 1; i < MAX_WINDOWS && result.requests() == 0; i++) {
            result = client.run(WINDOW);
        }
        return result;
    }

    /** Echoes each byte plus one: the wrong answer the client must catch. */
    private static final class OffByOneEcho implements Protocol {
        @Override
        public String name() {
            return "off-by-one-echo";
        }

        @Override
        public Detection detect(ByteBuf prefix) {
            return Detection.MATCH;
        }

        @Override
        public ProtocolHandler newHandler(Connection connection) {
            return (in, nowNanos) -> {
                ByteBuf out = connection.alloc().buffer(in.readableBytes());
                while (in.isReadable()) {
                    out.writeByte(in.readByte() + 1);
                }
                connection.writeAndFlush(out);
            };
        }
    }
}
