package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import javax.net.ssl.SSLEngineResult;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * TLS is a stream of records (RFC 8446 §5.1, RFC 5246 §6.2), and TCP cuts that stream wherever it
 * likes: a read may end inside a record's five-byte header, or carry several records at once. The
 * engine decrypts every whole record it is given and leaves a partial one where it is, to be
 * presented again with the bytes that complete it; on the way out it cuts plaintext into records
 * of at most 2^14 bytes.
 */
class RecordsTest {

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void aHandshakeAndAnExchangeFedOneByteAtATimeComeOutTheSame(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = HandshakeTest.pair(provider, version).feedInPiecesOf(1)) {
            pair.handshake();
            int feedsForHandshake = pair.serverFeeds();
            pair.clientSends("ping");
            assertEquals("ping", pair.serverReceived());
            pair.serverSends("pong");
            assertEquals("pong", pair.clientReceived());
            assertTrue(pair.serverFeeds() - feedsForHandshake >= 5 + 4 + 16,
                    "every byte of the data record (header, at least 4 bytes of text, a 16-byte tag) was its own feed");
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void severalRecordsInOneReadAllDecryptIntoOneBuffer(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = HandshakeTest.pair(provider, version).handshake()) {
            pair.pump();
            // Three records from the client, read by the server at once.
            ByteBuf read = Buffers.allocator().directBuffer();
            try {
                for (String part : new String[] {"one ", "two ", "three"}) {
                    ByteBuffer net = ByteBuffer.allocate(pair.client.getSession().getPacketBufferSize());
                    SSLEngineResult r = pair.client.wrap(ByteBuffer.wrap(part.getBytes(StandardCharsets.US_ASCII)), net);
                    assertEquals(SSLEngineResult.Status.OK, r.getStatus());
                    read.writeBytes(net.flip());
                }
                // And the first byte of a fourth: a partial header stays unread.
                read.writeByte(23);
                ByteBuf plaintext = pair.server.feed(read);
                try {
                    assertEquals("one two three", plaintext.toString(StandardCharsets.US_ASCII));
                } finally {
                    plaintext.release();
                }
                assertEquals(1, read.readableBytes(), "the partial record is left for the next read");
            } finally {
                read.release();
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("io.zyphos.tls.HandshakeTest#providersAndVersions")
    void aLargeWriteIsCutIntoRecordsOfAtMost16KiB(TlsProvider provider, String version) throws Exception {
        try (EnginePair pair = HandshakeTest.pair(provider, version).handshake()) {
            pair.pump();
            int size = 3 * TlsEngine.MAX_RECORD_PLAINTEXT + 100;
            ByteBuf plaintext = Buffers.allocator().directBuffer(size);
            for (int i = 0; i < size; i++) {
                plaintext.writeByte('a' + i % 26);
            }
            pair.server.wrap(plaintext);
            ByteBuf out = pair.server.pollOutbound();
            try {
                int records = 0;
                for (int at = out.readerIndex(); at < out.writerIndex(); records++) {
                    assertEquals(23, out.getByte(at), "application_data (in TLS 1.3, the outer type of every protected record)");
                    int length = out.getUnsignedShort(at + 3);
                    assertTrue(length <= TlsEngine.MAX_RECORD_PLAINTEXT + 256, "RFC 8446 §5.2: at most 2^14 + 256 bytes of ciphertext");
                    at += 5 + length;
                }
                assertEquals(4, records, "three full records and one of 100 bytes");
            } finally {
                out.release();
            }
        }
    }
}
