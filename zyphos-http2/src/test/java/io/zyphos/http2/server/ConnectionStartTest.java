package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.FrameType;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How an HTTP/2 connection starts (RFC 9113 §3.4): each side's preface, the server's a SETTINGS
 * frame, the client's the 24-octet magic then a SETTINGS frame; each SETTINGS acknowledged
 * (§6.5.3), within a time the server chooses, or the connection ends with SETTINGS_TIMEOUT; a
 * PING answered with its own data (§6.7).
 */
class ConnectionStartTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void theServerSpeaksFirstWithItsSettingsAndAWiderConnectionWindow() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.engine.start(0);
            client.send(out -> ConnectionPreface.write(out));
            assertEquals(List.of(
                    "SETTINGS {MAX_CONCURRENT_STREAMS=100, MAX_HEADER_LIST_SIZE=16384, NO_RFC7540_PRIORITIES=1}",
                    "WINDOW_UPDATE 0 983041"), client.read(), "65,535 + 983,041 = 1 MiB for the connection (§6.9.2)");
        }
    }

    @Test
    void theClientsSettingsAreAppliedAndAcknowledged() {
        try (Http2Client client = Http2Client.connected()) {
            client.settings(Http2Settings.defaults().with(Http2Setting.MAX_FRAME_SIZE, 32_768));
            assertEquals(List.of("SETTINGS ACK"), client.read());
        }
    }

    @Test
    void aClientThatSpeaksHttp1InsteadOfThePrefaceGetsGoAwayProtocolError() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.engine.start(0);
            client.send(out -> out.writeCharSequence("GET / HTTP/1.1\r\nHost: example.com\r\n\r\n", StandardCharsets.US_ASCII));
            List<String> frames = client.read();
            assertEquals("GOAWAY 0 PROTOCOL_ERROR", frames.getLast());
            assertEquals(List.of("ended PROTOCOL_ERROR"), client.app.take());
            assertTrue(client.engine.isFinished(), "the transport closes the connection");
        }
    }

    @Test
    void thePrefaceMustBeFollowedBySettings() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.engine.start(0);
            client.send(out -> {
                ConnectionPreface.write(out);
                client.writer.writePing(out, false, 1);
            });
            assertEquals("GOAWAY 0 PROTOCOL_ERROR", client.read().getLast());
        }
    }

    @Test
    void settingsUnacknowledgedInTimeEndTheConnectionWithSettingsTimeout() {
        try (Http2Client client = new Http2Client(Http2ServerConfig.defaults())) {
            client.engine.start(0);
            client.send(out -> {
                ConnectionPreface.write(out);
                client.writer.writeSettings(out, Http2Settings.defaults());
            });
            client.read();
            assertEquals(10 * SECOND, client.engine.nextDeadlineNanos());
            client.engine.onTimeout(10 * SECOND - 1);
            assertEquals(List.of(), client.read(), "not yet");
            client.engine.onTimeout(10 * SECOND);
            assertEquals(List.of("GOAWAY 0 SETTINGS_TIMEOUT"), client.read());
            assertEquals(List.of("ended SETTINGS_TIMEOUT"), client.app.take());
        }
    }

    @Test
    void theAcknowledgementStopsTheClock() {
        try (Http2Client client = Http2Client.connected()) {
            assertEquals(Long.MAX_VALUE, client.engine.nextDeadlineNanos());
        }
    }

    @Test
    void aPingIsAnsweredWithTheSameOpaqueData() {
        try (Http2Client client = Http2Client.connected()) {
            client.ping(0x0102030405060708L);
            assertEquals(List.of("PING ACK 102030405060708"), client.read());
        }
    }

    @Test
    void aSettingsFrameOnAStreamEndsTheConnection() {
        try (Http2Client client = Http2Client.connected()) {
            client.frame(FrameType.SETTINGS, 0, 1);
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read());
        }
    }
}
