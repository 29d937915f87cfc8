package io.zyphos.tls;

import io.netty.buffer.ByteBuf;

/**
 * Reads the server's own handshake records as they go out, for what JSSE does not tell: whether
 * the handshake resumed a session, and which alert a failure sent.
 *
 * <p>Only the records sent in clear are read: everything up to the first protected record (in TLS
 * 1.3 all that follows ServerHello, RFC 8446 §5; in TLS 1.2 all that follows ChangeCipherSpec).
 * That is enough:
 * <ul>
 *   <li>TLS 1.3: a server that accepts a PSK says so with a {@code pre_shared_key} extension in its
 *       ServerHello (RFC 8446 §4.2.11); resumption is a PSK from a ticket.</li>
 *   <li>TLS 1.2: a resumed handshake goes from ServerHello straight to ChangeCipherSpec (RFC 5246
 *       §7.3, abbreviated handshake): no Certificate message.</li>
 * </ul>
 * A HelloRetryRequest (RFC 8446 §4.1.4) is a ServerHello too; the real one follows and decides.
 */
final class ServerFlight {

    private static final int RECORD_HEADER = 5;
    private static final int CONTENT_ALERT = 21;
    private static final int CONTENT_HANDSHAKE = 22;
    private static final int SERVER_HELLO = 2;
    private static final int CERTIFICATE = 11;
    private static final int EXTENSION_PRE_SHARED_KEY = 41;

    private boolean protectedFromHere;
    private boolean serverHello;
    private boolean pskAccepted;
    private boolean certificate;
    private int alert = -1;

    /** Reads the records in {@code out} (not moving its indexes), until the first protected one. */
    void inspect(ByteBuf out) {
        int at = out.readerIndex();
        int end = out.writerIndex();
        while (!protectedFromHere && at + RECORD_HEADER <= end) {
            int type = out.getUnsignedByte(at);
            int length = out.getUnsignedShort(at + 3);
            int body = at + RECORD_HEADER;
            if (body + length > end) {
                return;
            }
            switch (type) {
                case CONTENT_HANDSHAKE -> handshakeMessages(out, body, body + length);
                case CONTENT_ALERT -> alert = length == 2 ? out.getUnsignedByte(body + 1) : alert;
                // After ChangeCipherSpec (TLS 1.2), or from the first application_data record on
                // (TLS 1.3, whose ChangeCipherSpec is only for middleboxes, RFC 8446 §D.4), all is protected.
                default -> protectedFromHere = true;
            }
            at = body + length;
        }
    }

    private void handshakeMessages(ByteBuf out, int at, int end) {
        while (at + 4 <= end) {
            int type = out.getUnsignedByte(at);
            int length = out.getUnsignedMedium(at + 1);
            int body = at + 4;
            if (type == SERVER_HELLO && body + length <= end) {
                serverHello(out, body, body + length);
            } else if (type == CERTIFICATE) {
                certificate = true;
            }
            at = body + length;
        }
    }

    /**
     * ServerHello (RFC 8446 §4.1.3): legacy_version(2) random(32) legacy_session_id_echo(1+n)
     * cipher_suite(2) legacy_compression_method(1) extensions(2+n).
     */
    private void serverHello(ByteBuf out, int at, int end) {
        serverHello = true;
        int p = at + 2 + 32;
        p += 1 + out.getUnsignedByte(p);
        p += 2 + 1;
        if (p + 2 > end) {
            return;
        }
        int extensionsEnd = Math.min(end, p + 2 + out.getUnsignedShort(p));
        p += 2;
        boolean psk = false;
        while (p + 4 <= extensionsEnd) {
            psk |= out.getUnsignedShort(p) == EXTENSION_PRE_SHARED_KEY;
            p += 4 + out.getUnsignedShort(p + 2);
        }
        pskAccepted = psk;
    }

    /** Whether the server had sent anything (the failure came after its first flight). */
    boolean serverHelloSent() {
        return serverHello;
    }

    /** Whether the handshake resumed a session, once it is complete. */
    boolean resumed(TlsVersion version) {
        return version == TlsVersion.TLS_1_3 ? pskAccepted : serverHello && !certificate;
    }

    /** The description of an alert sent in clear, or -1. */
    int alertInClear() {
        return alert;
    }
}
