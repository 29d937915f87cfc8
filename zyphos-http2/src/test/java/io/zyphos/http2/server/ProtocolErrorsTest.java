package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.http2.frame.FrameType;
import io.zyphos.http2.frame.Http2ErrorCode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every error a client can make, with the scope and code RFC 9113 gives it: a connection error
 * ends everything with GOAWAY (§5.4.1), a stream error only its stream with RST_STREAM (§5.4.2),
 * a malformed request is a stream error PROTOCOL_ERROR (§8.1.1). One test per rule; the rest of the
 * connection carries on after a stream error, which the test shows by a request that follows.
 */
class ProtocolErrorsTest {

    private static final String[] GET = {":method", "GET", ":scheme", "https", ":path", "/"};

    private static String[] get(String... more) {
        String[] fields = java.util.Arrays.copyOf(GET, GET.length + more.length);
        System.arraycopy(more, 0, fields, GET.length, more.length);
        return fields;
    }

    /** Sends HEADERS with {@code fields} on stream 1; asserts the RST_STREAM and that stream 3 still works. */
    private static void assertMalformed(String... fields) {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, true, fields);
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());
            assertEquals(List.of(), client.app.take(), "never reaches the application");
            client.get(3, "/next");
            assertEquals(List.of("request 3 GET https example.com /next u=3 end"), client.app.take());
        }
    }

    @Test
    void anUppercaseFieldNameIsMalformed() {
        assertMalformed(get("Accept", "*/*"));                                       // §8.2.1
    }

    @Test
    void aConnectionSpecificFieldIsMalformed() {
        assertMalformed(get("connection", "keep-alive"));                             // §8.2.2
        assertMalformed(get("transfer-encoding", "chunked"));
    }

    @Test
    void teOtherThanTrailersIsMalformed() {
        assertMalformed(get("te", "gzip"));                                           // §8.2.2
    }

    @Test
    void aMissingPathIsMalformed() {
        assertMalformed(":method", "GET", ":scheme", "https");                        // §8.3.1
    }

    @Test
    void aPseudoHeaderTwiceIsMalformed() {
        assertMalformed(get(":method", "POST"));                                      // §8.3
    }

    @Test
    void anUnknownPseudoHeaderIsMalformed() {
        assertMalformed(":method", "GET", ":scheme", "https", ":path", "/", ":color", "blue");
    }

    @Test
    void aPseudoHeaderAfterARegularFieldIsMalformed() {
        assertMalformed(":method", "GET", ":scheme", "https", "accept", "*/*", ":path", "/");
    }

    @Test
    void aHostOtherThanTheAuthorityIsMalformed() {
        assertMalformed(get(":authority", "example.com", "host", "evil.example"));   // §8.3.1
    }

    @Test
    void connectWithoutAnAuthorityIsMalformed() {
        assertMalformed(":method", "CONNECT");                                        // §8.5
    }

    @Test
    void connectIsATunnelRequestWithAnAuthorityAndNoPath() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "CONNECT", ":authority", "backend:443");
            assertEquals(List.of("request 1 CONNECT null backend:443 null u=3"), client.app.take());
        }
    }

    @Test
    void protocolNeedsTheExtendedConnectSetting() {
        String[] websocket = {":method", "CONNECT", ":protocol", "websocket", ":scheme", "https", ":path", "/chat",
                ":authority", "example.com"};
        assertMalformed(websocket);                                                   // RFC 8441 §4
        Http2ServerConfig config = Http2ServerConfig.builder().enableConnectProtocol(true).build();
        try (Http2Client client = Http2Client.connected(config)) {
            client.headers(1, false, websocket);
            assertEquals(List.of("request 1 CONNECT https example.com /chat :protocol=websocket u=3"), client.app.take());
        }
    }

    @Test
    void aBlockHpackCannotDecodeIsAConnectionErrorCompressionError() {
        try (Http2Client client = Http2Client.connected()) {
            client.frame(FrameType.HEADERS, 0x4 | 0x1, 1, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0x7F);
            assertEquals(List.of("GOAWAY 1 COMPRESSION_ERROR"), client.read());       // §4.3; stream 1 was taken on
            assertEquals(List.of("ended COMPRESSION_ERROR"), client.app.take());
        }
    }

    @Test
    void aHeaderListPastTheLimitIsAnswered431AndTheConnectionGoesOn() {
        Http2ServerConfig config = Http2ServerConfig.builder().maxHeaderListSize(1000).build();
        try (Http2Client client = Http2Client.connected(config)) {
            client.headers(1, true, get("x-big", "y".repeat(2000), "x-after", "stored too"));
            assertEquals(List.of("HEADERS 1 {:status=431} END_STREAM"), client.read());     // §10.5.1
            client.get(3, "/", "x-after", "stored too");    // indexes what the refused block stored
            assertEquals(List.of("request 3 GET https example.com / u=3 end"), client.app.take());
        }
    }

    @Test
    void aPushPromiseFromAClientIsAConnectionErrorProtocolError() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            client.frame(FrameType.PUSH_PROMISE, 0x4, 1, (byte) 0, (byte) 0, (byte) 0, (byte) 2, (byte) 0x82);
            assertEquals(List.of("GOAWAY 1 PROTOCOL_ERROR"), client.read());          // §8.4
        }
    }

    @Test
    void dataOnAnIdleStreamIsAConnectionErrorProtocolError() {
        try (Http2Client client = Http2Client.connected()) {
            client.data(1, "x", true);
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read());          // §5.1
        }
    }

    @Test
    void rstStreamOnAnIdleStreamIsAConnectionErrorProtocolError() {
        try (Http2Client client = Http2Client.connected()) {
            client.rst(1, Http2ErrorCode.CANCEL);
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read());          // §6.4
        }
    }

    @Test
    void headersAfterEndStreamAreAStreamErrorStreamClosed() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            client.headers(1, true, "x-late", "1");
            assertEquals(List.of("RST_STREAM 1 STREAM_CLOSED"), client.read());       // §5.1 half-closed (remote)
            assertEquals(List.of("request 1 GET https example.com / u=3 end", "reset 1 STREAM_CLOSED"), client.app.take());
        }
    }

    @Test
    void aWindowUpdateForAClosedStreamIsTolerated() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = RequestResponseTest::hello;
            client.get(1, "/");
            client.read();
            client.windowUpdate(1, 100);
            assertEquals(List.of(), client.read());                                   // §6.9
        }
    }

    @Test
    void framesOnAStreamTheServerResetAreIgnored() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, GET);
            client.engine.resetStream(1, Http2ErrorCode.CANCEL);
            client.data(1, "in flight", false).windowUpdate(1, 10).rst(1, Http2ErrorCode.CANCEL);
            assertEquals(List.of("RST_STREAM 1 CANCEL"), client.read(), "nothing answers what crossed the reset (§5.1)");
        }
    }

    @Test
    void aWindowUpdateOfZeroOnAStreamIsAStreamErrorProtocolError() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, GET);
            client.frame(FrameType.WINDOW_UPDATE, 0, 1, (byte) 0, (byte) 0, (byte) 0, (byte) 0);
            assertEquals(List.of("RST_STREAM 1 PROTOCOL_ERROR"), client.read());      // §6.9
        }
    }

    @Test
    void aPriorityUpdateForAnEvenStreamIsAConnectionErrorProtocolError() {
        try (Http2Client client = Http2Client.connected()) {
            client.priorityUpdate(2, "u=1");
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read());          // RFC 9218 §7.1
        }
    }

    @Test
    void theGoAwaysDebugDataNamesTheRule() {
        try (Http2Client client = Http2Client.connected()) {
            client.data(1, "x", true);
            client.read();
            assertEquals("DATA on an idle stream (RFC 9113 §5.1)", client.lastGoAwayDebug);
        }
    }
}
