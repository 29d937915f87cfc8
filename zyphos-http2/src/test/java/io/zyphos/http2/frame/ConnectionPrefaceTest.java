package io.zyphos.http2.frame;

import static io.zyphos.http2.frame.FrameHarness.assertFrames;
import static io.zyphos.http2.frame.Hex.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.server.Protocol.Detection;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §3.4: a client that speaks HTTP/2 from the start sends 24 fixed octets, "PRI *
 * HTTP/2.0\r\n\r\nSM\r\n\r\n", then a SETTINGS frame; the server's first frame is a SETTINGS frame
 * too. A protocol chooser tells the preface from an HTTP/1 request line by the first bytes; the
 * decoder checks the whole of it, and anything else is a connection error PROTOCOL_ERROR.
 */
class ConnectionPrefaceTest {

    private static final byte[] MAGIC = bytes("505249202a20485454502f322e300d0a0d0a534d0d0a0d0a");
    private static final byte[] EMPTY_SETTINGS = bytes("000000 04 00 00000000");

    @Test
    void thePrefaceIsThe24OctetsOfSection3_4() {
        ByteBuf out = Buffers.allocator().heapBuffer();
        try {
            ConnectionPreface.write(out);
            assertArrayEquals(MAGIC, ByteBufs.toArray(out));
            assertEquals("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", out.toString(StandardCharsets.US_ASCII));
        } finally {
            out.release();
        }
    }

    @Test
    void sniffTellsThePrefaceFromAnHttp1Request() {
        assertEquals(Detection.MATCH, sniff(MAGIC));
        assertEquals(Detection.MATCH, sniff(Hex.concat(MAGIC, EMPTY_SETTINGS)));
        assertEquals(Detection.NEED_MORE, sniff(new byte[0]));
        assertEquals(Detection.NEED_MORE, sniff("PRI * HTTP/2".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Detection.NO_MATCH, sniff("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Detection.NO_MATCH, sniff("PRI * HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void sniffReadsFromTheReaderIndexAndConsumesNothing() {
        ByteBuf prefix = Buffers.allocator().directBuffer().writeBytes("xx".getBytes(StandardCharsets.US_ASCII))
                .writeBytes(MAGIC);
        try {
            prefix.skipBytes(2);
            assertEquals(Detection.MATCH, ConnectionPreface.sniff(prefix));
            assertEquals(2, prefix.readerIndex());
            assertEquals(1, prefix.refCnt());
        } finally {
            prefix.release();
        }
    }

    @Test
    void aServerReadsTheMagicThenTheClientsSettings() {
        assertFrames(FrameDecoderConfig.server(), Hex.concat(MAGIC, bytes("""
                000006 04 00 00000000     // SETTINGS
                0003 00000064             //   MAX_CONCURRENT_STREAMS = 100
                000008 06 00 00000000     // PING
                0000000000000001
                """)),
                "SETTINGS {MAX_CONCURRENT_STREAMS=100}",
                "PING data=0x0000000000000001");
    }

    @Test
    void anInvalidPrefaceIsAConnectionErrorAtTheFirstWrongOctet() {
        String error = "connection error PROTOCOL_ERROR: the client connection preface is not PRI * HTTP/2.0"
                + " (RFC 9113 §3.4)";
        assertFrames(FrameDecoderConfig.server(), "GET / HTTP/1.1\r\nHost: a\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
                error);
        byte[] almost = MAGIC.clone();
        almost[23] = 'X';
        assertFrames(FrameDecoderConfig.server(), almost, error);
    }

    @Test
    void thePrefaceMustBeFollowedByASettingsFrame() {
        assertFrames(FrameDecoderConfig.server(), Hex.concat(MAGIC, bytes("000008 06 00 00000000 0000000000000000")),
                "connection error PROTOCOL_ERROR: the connection preface must go on with a SETTINGS frame, not PING"
                        + " (RFC 9113 §3.4)");
        assertFrames(FrameDecoderConfig.server(), Hex.concat(MAGIC, bytes("000000 04 01 00000000")),
                "connection error PROTOCOL_ERROR: the connection preface must go on with a SETTINGS frame, not a"
                        + " SETTINGS ACK (RFC 9113 §3.4)");
    }

    @Test
    void aClientReadsTheServersSettingsFirst() {
        assertFrames(FrameDecoderConfig.client(), Hex.concat(EMPTY_SETTINGS, bytes("000000 04 01 00000000")),
                "SETTINGS {}",
                "SETTINGS ACK");
        assertFrames(FrameDecoderConfig.client(), bytes("000004 08 00 00000000 00000001"),
                "connection error PROTOCOL_ERROR: the connection preface must go on with a SETTINGS frame, not"
                        + " WINDOW_UPDATE (RFC 9113 §3.4)");
    }

    private static Detection sniff(byte[] bytes) {
        ByteBuf prefix = Buffers.allocator().directBuffer(Math.max(1, bytes.length)).writeBytes(bytes);
        try {
            return ConnectionPreface.sniff(prefix);
        } finally {
            prefix.release();
        }
    }
}
