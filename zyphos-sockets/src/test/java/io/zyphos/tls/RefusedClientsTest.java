package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Clients the server refuses, built byte by byte, since no modern client library will still offer
 * what they offer. A ClientHello (RFC 5246 §7.4.1.2) that only speaks TLS 1.1 (deprecated by RFC
 * 8996) gets a fatal {@code protocol_version} alert; one that speaks TLS 1.2 with nothing but
 * CBC, RSA key transport and 3DES gets a fatal {@code handshake_failure}. The alerts go out in
 * clear, before any key exists: {@code 15 03 0x 00 02 02 46} is content type alert, a version,
 * length 2, level fatal, description 70.
 */
class RefusedClientsTest {

    /** TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_128_CBC_SHA, TLS_RSA_WITH_AES_256_CBC_SHA, TLS_RSA_WITH_3DES_EDE_CBC_SHA. */
    private static final int[] WEAK_SUITES = {0xC013, 0x002F, 0x0035, 0x000A};

    /**
     * A ClientHello record: version, 32 bytes of random, no session ID, the suites, the null
     * compression method, and for TLS 1.2 the extensions an ECDHE suite would need
     * (supported_groups x25519 and secp256r1, ec_point_formats uncompressed, signature_algorithms
     * ecdsa_secp256r1_sha256 and rsa_pss_rsae_sha256).
     */
    private static ByteBuf clientHello(int version, int[] suites) {
        ByteBuf body = Buffers.allocator().heapBuffer();
        body.writeShort(version);
        for (int i = 0; i < 32; i++) {
            body.writeByte(i);
        }
        body.writeByte(0);
        body.writeShort(suites.length * 2);
        for (int s : suites) {
            body.writeShort(s);
        }
        body.writeByte(1).writeByte(0);
        if (version == 0x0303) {
            byte[] extensions = {
                0x00, 0x0a, 0x00, 0x06, 0x00, 0x04, 0x00, 0x1d, 0x00, 0x17,
                0x00, 0x0b, 0x00, 0x02, 0x01, 0x00,
                0x00, 0x0d, 0x00, 0x06, 0x00, 0x04, 0x04, 0x03, 0x08, 0x04};
            body.writeShort(extensions.length).writeBytes(extensions);
        }
        ByteBuf record = Buffers.allocator().directBuffer();
        record.writeByte(22).writeShort(0x0301).writeShort(4 + body.readableBytes());
        record.writeByte(1).writeMedium(body.readableBytes()).writeBytes(body);
        body.release();
        return record;
    }

    private static TlsException refuse(TlsProvider provider, ByteBuf hello, int expectedAlert) {
        try (TlsEngine server = HandshakeTest.config(provider).build().newEngine(0)) {
            TlsException e = assertThrows(TlsException.class, () -> server.feed(hello));
            assertEquals(TlsEngine.State.FAILED, server.state());
            ByteBuf alert = server.pollOutbound();
            try {
                assertEquals(7, alert.readableBytes(), "one alert record");
                assertEquals(21, alert.getByte(0), "content type alert");
                assertEquals(2, alert.getByte(5), "fatal");
                assertEquals(expectedAlert, alert.getByte(6));
            } finally {
                alert.release();
            }
            return e;
        } finally {
            hello.release();
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls11ClientIsToldProtocolVersion(TlsProvider provider) {
        TlsException e = refuse(provider, clientHello(0x0302, WEAK_SUITES), 70);
        assertEquals(TlsException.Reason.NO_SHARED_VERSION, e.reason());
        assertEquals("TLS handshake failed: the client offers no TLS version the server speaks ([TLSv1.3, TLSv1.2])", e.getMessage());
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aTls12ClientWithOnlyWeakSuitesIsToldHandshakeFailure(TlsProvider provider) {
        TlsException e = refuse(provider, clientHello(0x0303, WEAK_SUITES), 40);
        assertEquals(TlsException.Reason.NO_SHARED_CIPHER, e.reason());
        assertTrue(e.getMessage().startsWith("TLS handshake failed: no cipher suite in common; the server accepts [TLS_AES_128_GCM_SHA256"),
                e.getMessage());
    }
}
