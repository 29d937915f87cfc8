package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Flow control end to end (RFC 9113 §5.2, §6.9): the server sends no more than the client's
 * windows allow, stream and connection, and goes on as WINDOW_UPDATE frames come; in the other
 * direction credit goes back only as the application consumes, so a slow reader slows its sender
 * and is never stalled, and a client that overruns a window is stopped.
 */
class FlowControlTest {

    private static final int BIG = 100_000;

    private static void sendBig(Http2ServerEngine engine, RequestHead head) {
        engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
        engine.sendData(head.streamId(), Unpooled.wrappedBuffer(new byte[BIG]), true);
    }

    @Test
    void aLargeResponseGoesThroughSmallWindowsAsTheClientGivesCredit() {
        try (Http2Client client = Http2Client.connected()) {
            client.settings(Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 1000));
            client.read();
            client.app.responder = FlowControlTest::sendBig;
            client.get(1, "/big");
            int frames = 0;
            while (client.body(1).length() < BIG) {
                int before = client.body(1).length();
                for (String line : client.read()) {
                    if (line.startsWith("DATA")) {
                        frames++;
                        assertTrue(Integer.parseInt(line.split(" ")[2]) <= 1000, line + ": past the stream window");
                    }
                }
                int received = client.body(1).length() - before;
                assertTrue(received > 0, "stalled at " + before);
                client.windowUpdate(1, received).windowUpdate(0, received);
            }
            assertEquals(100, frames, "one window of 1000 octets each time");
            assertEquals(0, client.engine.activeStreams());
        }
    }

    @Test
    void theConnectionWindowBoundsEveryStreamTogether() {
        try (Http2Client client = Http2Client.connected()) {
            client.settings(Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 1 << 20));
            client.app.responder = FlowControlTest::sendBig;
            client.get(1, "/a").get(3, "/b");
            client.read();
            assertEquals(65_535, client.body(1).length() + client.body(3).length(), "the connection's initial window");
            client.windowUpdate(0, 2 * BIG);
            client.read();
            assertEquals(2 * BIG, client.body(1).length() + client.body(3).length());
        }
    }

    @Test
    void aSlowReaderIsNeverStalledAndNeverHoldsMoreThanItsWindow() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.consumeAtOnce = false;
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/upload");
            int streamWindow = 65_535;
            int connectionWindow = 1 << 20;
            int sent = 0;
            int total = 500_000;
            while (sent < total || !client.app.unconsumed.isEmpty()) {
                int n = Math.min(Math.min(16_384, total - sent), Math.min(streamWindow, connectionWindow));
                if (n > 0) {
                    client.data(1, "x".repeat(n), sent + n == total);
                    sent += n;
                    streamWindow -= n;
                    connectionWindow -= n;
                }
                int held = client.app.unconsumed.getOrDefault(1, 0);
                assertTrue(held <= 65_535, held + " octets buffered, past the stream's window");
                if (n == 0 || sent == total) {
                    client.app.consumeHeld();     // the reader catches up only when the sender must wait
                }
                for (String line : client.read()) {
                    String[] f = line.split(" ");
                    if (f[0].equals("WINDOW_UPDATE")) {
                        if (f[1].equals("0")) {
                            connectionWindow += Integer.parseInt(f[2]);
                        } else {
                            streamWindow += Integer.parseInt(f[2]);
                        }
                    }
                }
            }
            assertEquals(total, client.app.content.get(1).length());
        }
    }

    @Test
    void dataPastTheStreamWindowIsAStreamErrorFlowControlError() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.consumeAtOnce = false;
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/");
            for (int i = 0; i < 4; i++) {
                client.data(1, "x".repeat(16_384), false);
            }
            client.data(1, "x".repeat(100), false);
            assertEquals(List.of("RST_STREAM 1 FLOW_CONTROL_ERROR"), client.read(), "65,536 + 100 > 65,535 (§6.9.1)");
        }
    }

    @Test
    void aWindowUpdatePastTwoToTheThirtyFirstIsAFlowControlErrorOfItsScope() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/");
            client.windowUpdate(1, Integer.MAX_VALUE);
            assertEquals(List.of("RST_STREAM 1 FLOW_CONTROL_ERROR"), client.read());
            client.windowUpdate(0, Integer.MAX_VALUE);
            assertEquals(List.of("GOAWAY 1 FLOW_CONTROL_ERROR"), client.read());
        }
    }

    @Test
    void dataOnAResetStreamStillCountsForTheConnectionAndItsCreditComesBack() {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, ":method", "POST", ":scheme", "https", ":path", "/");
            client.engine.resetStream(1, Http2ErrorCode.CANCEL);
            assertEquals(List.of("RST_STREAM 1 CANCEL"), client.read());
            for (int i = 0; i < 40; i++) {
                client.data(1, "x".repeat(16_384), false);     // sent before the client saw the reset (§5.1)
            }
            List<String> frames = client.read();
            assertTrue(frames.contains("WINDOW_UPDATE 0 524288"), frames + ": half the 1 MiB window, given back");
            assertFalse(frames.stream().anyMatch(f -> f.startsWith("RST_STREAM")), "ignored, not answered");
        }
    }

    @Test
    void aZeroWindowReaderGetsNothingUntilItGivesCreditAndTheWriterIsToldWhenToGoOn() {
        Http2ServerConfig config = Http2ServerConfig.builder().streamSendBufferBytes(1000).build();
        try (Http2Client client = Http2Client.connected(config)) {
            client.settings(Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 0));
            client.app.responder = (engine, head) -> {
                engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
                engine.sendData(head.streamId(), Unpooled.wrappedBuffer(new byte[1500]), false);
            };
            client.get(1, "/");
            assertEquals(List.of("SETTINGS ACK", "HEADERS 1 {:status=200}"), client.read());
            assertFalse(client.engine.isWritable(1), "1500 queued, past the stream's send buffer");
            assertEquals(List.of(), client.read(), "nothing sendable: no frame, no busy loop");
            client.windowUpdate(1, 700);
            assertEquals(List.of("DATA 1 700"), client.read());
            assertEquals(List.of("request 1 GET https example.com / u=3 end", "writable 1"), client.app.take(),
                    "800 left, below 1000");
        }
    }
}
