package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.Unpooled;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.Method;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * HTTP/2 in clear text by upgrade (RFC 7540 §3.2; RFC 9113 dropped it, clients such as curl
 * still send it): an HTTP/1.1 request with {@code Upgrade: h2c} and {@code HTTP2-Settings}, the
 * 101 answer (the glue's), then HTTP/2 both ways. The request becomes stream 1, half-closed
 * (remote), answered over HTTP/2; the settings apply as if a SETTINGS frame had brought them; the
 * client preface still comes, and is checked.
 */
class H2cUpgradeTest {

    /** What curl sends: MAX_CONCURRENT_STREAMS 100, INITIAL_WINDOW_SIZE 10, ENABLE_PUSH 0. */
    private static final String HTTP2_SETTINGS = "AAMAAABkAAQAAAAKAAIAAAAA";

    @Test
    void theHttp2SettingsFieldIsASettingsPayloadInBase64url() {
        Http2Settings settings = Http2ServerEngine.decodeHttp2Settings(HTTP2_SETTINGS);
        assertEquals("{ENABLE_PUSH=0, MAX_CONCURRENT_STREAMS=100, INITIAL_WINDOW_SIZE=10}", settings.toString());
        Http2Exception e = assertThrows(Http2Exception.class, () -> Http2ServerEngine.decodeHttp2Settings("AAMAAA"));
        assertEquals(Http2ErrorCode.FRAME_SIZE_ERROR, e.code(), "four octets: not a multiple of six (§6.5)");
    }

    @Test
    void theUpgradedRequestIsStreamOneAndItsResponseFollowsTheClientsWindow() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.app.responder = (engine, head) -> {
                engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
                engine.sendData(head.streamId(), Unpooled.copiedBuffer("hello, h2c", StandardCharsets.US_ASCII), true);
            };
            Headers http1 = new Headers().add(HeaderName.HOST, "example.com").add(HeaderName.CONNECTION, "Upgrade, HTTP2-Settings")
                    .add(HeaderName.UPGRADE, "h2c").add(HeaderName.HTTP2_SETTINGS, HTTP2_SETTINGS)
                    .add(HeaderName.USER_AGENT, "curl/8");
            client.engine.startFromUpgrade(Http2ServerEngine.decodeHttp2Settings(HTTP2_SETTINGS), Method.GET, "http", null,
                    "/", http1, 0);
            assertEquals(List.of("request 1 GET http example.com / u=3 end"), client.app.take());
            client.send(out -> {
                ConnectionPreface.write(out);
                client.writer.writeSettings(out, Http2Settings.defaults().with(Http2Setting.ENABLE_PUSH, 0));
                client.writer.writeSettingsAck(out);
            });
            assertEquals(List.of(
                    "SETTINGS {MAX_CONCURRENT_STREAMS=100, MAX_HEADER_LIST_SIZE=16384, NO_RFC7540_PRIORITIES=1}",
                    "WINDOW_UPDATE 0 983041", "HEADERS 1 {:status=200}", "SETTINGS ACK", "DATA 1 10 END_STREAM"),
                    client.read(), "control frames before DATA; 10 octets, the window HTTP2-Settings gave;"
                            + " the one ACK is for the SETTINGS frame, none for HTTP2-Settings");
            assertEquals("hello, h2c", client.body(1));
        }
    }

    @Test
    void theClientPrefaceIsStillRequiredAfterTheUpgrade() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.engine.startFromUpgrade(Http2Settings.defaults(), Method.GET, "http", "example.com", "/", new Headers(), 0);
            client.send(out -> out.writeCharSequence("GET / HTTP/1.1\r\n\r\n", StandardCharsets.US_ASCII));
            assertEquals("GOAWAY 1 PROTOCOL_ERROR", client.read().getLast());
        }
    }
}
