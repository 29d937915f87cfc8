package io.zyphos.bench.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.zyphos.echo.EchoProtocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.TestProtocol;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The echo harness's load client against a real echo server (RFC 862: every byte comes back) on
 * each transport: every byte that returns is compared with the byte sent on that connection, so a
 * lost, reordered or crossed byte shows up as an error. The CI smoke test of {@code bench echo}:
 * a fixed number of round trips, and no figure asserted.
 */
class EchoLoadClientTest {

    private static final int CONNECTIONS = 8;
    private static final int MESSAGES = 200;
    /** Only a broken server gets near it: the test waits for a count of echoes, not for a time. */
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyEchoedByteMatchesWhatWasSent(Transport transport) throws Exception {
        try (Server server = Server.builder().transport(transport).port(0).threads(2)
                        .protocol(new EchoProtocol()).start();
                EchoLoadClient client = EchoLoadClient.connect(server.localAddress(), CONNECTIONS)) {
            LoadResult result = client.runRoundTrips(MESSAGES, TIMEOUT);

            assertEquals(CONNECTIONS * MESSAGES, result.roundTrips());
            assertEquals(CONNECTIONS * MESSAGES * EchoLoadClient.MESSAGE_SIZE, result.bytesVerified());
            assertEquals(0, result.mismatchedBytes(), "echoed bytes differing from those sent");
            assertEquals(0, result.connectionErrors(), "connections lost");
            assertEquals(CONNECTIONS, client.openConnections());
        }
    }

    @Test
    void aCorruptedEchoIsCountedAsMismatchedBytes() throws Exception {
        try (Server server = Server.builder().port(0).threads(1).protocol(offByOneEcho()).start();
                EchoLoadClient client = EchoLoadClient.connect(server.localAddress(), 1)) {
            LoadResult result = client.runRoundTrips(MESSAGES, TIMEOUT);

            assertEquals(MESSAGES * EchoLoadClient.MESSAGE_SIZE, result.bytesVerified());
            assertEquals(result.bytesVerified(), result.mismatchedBytes(), "every byte was changed by one");
        }
    }

    /** Echoes each byte plus one: the wrong answer the client must catch. */
    private static TestProtocol offByOneEcho() {
        return new TestProtocol("off-by-one-echo", connection -> (in, nowNanos) -> {
            ByteBuf out = connection.alloc().buffer(in.readableBytes());
            while (in.isReadable()) {
                out.writeByte(in.readByte() + 1);
            }
            connection.writeAndFlush(out);
        });
    }
}
