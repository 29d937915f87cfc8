package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.FrameType;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Settings;
import java.util.List;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * A client out to hurt the server (RFC 9113 §10.5): each attack ends with GOAWAY
 * ENHANCE_YOUR_CALM after a bounded count of work, or costs bounded memory and no work at all.
 * Rapid reset (CVE-2023-44487) and MadeYouReset (CVE-2025-8671) through {@code ResetBudget};
 * floods of frames that move nothing forward through {@code ControlFrameBudget}; a client that
 * never reads; one that opens no window; an HPACK bomb. No time passes unless a test says so.
 */
class AbuseTest {

    private static final String[] GET = {":method", "GET", ":scheme", "https", ":path", "/"};

    @Test
    void rapidResetEndsTheConnectionAtTheTwoHundredAndFirstReset() {
        try (Http2Client client = Http2Client.connected()) {
            int pairs = 0;
            while (client.engine.state() != Http2ServerEngine.State.ENDED && pairs < 10_000) {
                int id = 2 * pairs + 1;
                client.headers(id, false, GET).rst(id, Http2ErrorCode.CANCEL);
                assertTrue(client.engine.activeStreams() <= 1, "never more than one stream held");
                pairs++;
            }
            assertEquals(201, pairs, "200 resets at once, then the budget is spent");
            assertEquals("GOAWAY 401 ENHANCE_YOUR_CALM", client.read().getLast());
            assertEquals(201 + 200 + 1, client.app.take().size(), "201 requests, 200 resets, the end: bounded work");
        }
    }

    @Test
    void madeYouResetCountsTheResetsTheServerSendsForTheClientsErrors() {
        try (Http2Client client = Http2Client.connected()) {
            int streams = 0;
            while (client.engine.state() != Http2ServerEngine.State.ENDED && streams < 10_000) {
                int id = 2 * streams + 1;
                client.headers(id, false, GET);
                client.frame(FrameType.WINDOW_UPDATE, 0, id, (byte) 0, (byte) 0, (byte) 0, (byte) 0);   // increment 0
                streams++;
            }
            assertEquals(201, streams);
            assertEquals("GOAWAY 401 ENHANCE_YOUR_CALM", client.read().getLast());
        }
    }

    @Test
    void aClientThatCancelsSomeRequestsOfAManyCompletedOnesIsNeverCut() {
        try (Http2Client client = Http2Client.connected()) {
            client.app.responder = (engine, head) -> engine.sendHeaders(head.streamId(), Status.NO_CONTENT, new Headers(), true);
            for (int i = 0; i < 5_000; i++) {
                int id = 2 * i + 1;
                if (i % 10 == 0) {
                    client.headers(id, false, GET).rst(id, Http2ErrorCode.CANCEL);
                } else {
                    client.headers(id, true, GET);
                }
                client.read();
            }
            assertEquals(Http2ServerEngine.State.OPEN, client.engine.state(), "each completed stream earns a reset back");
        }
    }

    private static void assertFloodEnds(String what, BiConsumer<Http2Client, ByteBuf> frame) {
        try (Http2Client client = Http2Client.connected()) {
            client.headers(1, false, GET);
            int frames = 0;
            while (client.engine.state() != Http2ServerEngine.State.ENDED && frames < 100_000) {
                client.send(out -> frame.accept(client, out));
                client.read();
                frames++;
            }
            assertTrue(frames <= 1001, what + ": " + frames + " frames before the end");
            assertEquals("ended ENHANCE_YOUR_CALM", client.app.events.getLast(), what);
        }
    }

    @Test
    void floodsOfFramesThatMakeNoProgressEndTheConnection() {
        assertFloodEnds("PING", (c, out) -> c.writer.writePing(out, false, 1));
        assertFloodEnds("SETTINGS", (c, out) -> c.writer.writeSettings(out, Http2Settings.defaults()));
        assertFloodEnds("empty DATA", (c, out) -> c.writer.writeData(out, 1, Unpooled.EMPTY_BUFFER, 0, false));
        assertFloodEnds("PRIORITY", (c, out) -> c.writer.writePriority(out, 1, new io.zyphos.http2.frame.StreamPriority(false, 0, 16)));
        assertFloodEnds("WINDOW_UPDATE", (c, out) -> c.writer.writeWindowUpdate(out, 1, 1));
        assertFloodEnds("PRIORITY_UPDATE", (c, out) -> {
            ByteBuf value = Unpooled.copiedBuffer("u=1", java.nio.charset.StandardCharsets.US_ASCII);
            c.writer.writePriorityUpdate(out, 1, value);
            value.release();
        });
    }

    @Test
    void aClientThatNeverReadsIsNoLongerReadOnceItsAcknowledgementsFillTheBound() {
        Http2ServerConfig config = Http2ServerConfig.builder().maxOutboundBytes(4096).controlFrameBudget(1_000_000, 0).build();
        try (Http2Client client = Http2Client.connected(config)) {
            ByteBuf pings = Buffers.allocator().directBuffer();
            try {
                for (int i = 0; i < 10_000; i++) {
                    client.writer.writePing(pings, false, i);
                }
                client.engine.receive(pings, 0);
                assertTrue(client.engine.isReadPaused(), "says so");
                assertTrue(client.engine.outboundBytes() <= 2 * 4096, client.engine.outboundBytes() + " octets waiting");
                assertTrue(pings.readableBytes() > 160_000, "the rest left unread, the transport's to keep");
                int acks = 0;
                while (pings.isReadable()) {
                    acks += client.read().size();
                    client.engine.receive(pings, 0);
                }
                acks += client.read().size();
                assertEquals(10_000, acks, "once the client reads, every PING is answered");
            } finally {
                pings.release();
            }
        }
    }

    @Test
    void aResponseToAClientThatOpensNoWindowWaitsWithoutWork() {
        try (Http2Client client = Http2Client.connected()) {
            client.settings(Http2Settings.defaults().with(io.zyphos.http2.frame.Http2Setting.INITIAL_WINDOW_SIZE, 0));
            client.app.responder = (engine, head) -> {
                engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
                while (engine.isWritable(head.streamId())) {
                    engine.sendData(head.streamId(), Unpooled.wrappedBuffer(new byte[16_384]), false);
                }
            };
            client.headers(1, true, GET);
            client.read();
            for (int i = 0; i < 1000; i++) {
                assertEquals(List.of(), client.read(), "no DATA, no busy loop");
            }
            assertTrue(!client.engine.isWritable(1), "the application keeps to its send buffer: 64 KiB held, no more");
        }
    }

    @Test
    void anHpackBombIsAnswered431AfterOnePassOverTheBlock() {
        try (Http2Client client = Http2Client.connected()) {
            String[] fields = new String[GET.length + 2 * 1000];
            System.arraycopy(GET, 0, fields, 0, GET.length);
            for (int i = GET.length; i < fields.length; i += 2) {
                fields[i] = "x-bomb";
                fields[i + 1] = "b".repeat(3000);     // stored once, then one octet (an index) each time
            }
            ByteBuf block = client.block(fields);
            assertTrue(block.readableBytes() < 5000, block.readableBytes() + " octets for 3 MB of fields");
            client.send(out -> client.writer.writeHeaders(out, 1, block, true));
            block.release();
            assertEquals(List.of("HEADERS 1 {:status=431} END_STREAM"), client.read());
            client.get(3, "/after", "x-bomb", "b".repeat(3000));
            assertEquals(List.of("request 3 GET https example.com /after u=3 end"), client.app.take(), "the tables agree");
        }
    }
}
