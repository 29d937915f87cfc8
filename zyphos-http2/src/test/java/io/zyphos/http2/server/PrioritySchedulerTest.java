package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.Unpooled;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * RFC 9218, Extensible Prioritization: a request says how urgent its response is ({@code u}, 0 to
 * 7, lower first) and whether it may be interleaved ({@code i}), in its {@code priority} field
 * (§4) or later in a PRIORITY_UPDATE frame (§7.1). The server sends strictly by urgency; within
 * one, non-incremental responses whole, one after another by stream id, incremental ones
 * round-robin (§10). Each response here is three frames of 100 octets (the transport takes 109
 * octets a poll), so the order of the DATA frames shows the schedule.
 */
class PrioritySchedulerTest {

    private static final int POLL = 109;

    /** A client whose requests are answered with HEADERS at once, their content left for {@link #threeFrames}. */
    private static Http2Client client(Http2ServerConfig config) {
        Http2Client client = Http2Client.connected(config);
        client.app.responder = (engine, head) -> engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
        return client;
    }

    private static void threeFrames(Http2Client client, int streamId) {
        client.engine.sendData(streamId, Unpooled.wrappedBuffer(new byte[300]), true);
    }

    /** Opens each stream with its priority field, queues every response, then reads the DATA frames one poll at a time: "1 1 3 ...". */
    private static String dataOrder(String... streamsAndPriorities) {
        try (Http2Client client = client(Http2ServerConfig.defaults())) {
            for (int i = 0; i < streamsAndPriorities.length; i += 2) {
                int id = Integer.parseInt(streamsAndPriorities[i]);
                client.get(id, "/" + id, "priority", streamsAndPriorities[i + 1]);
            }
            client.read();
            for (int i = 0; i < streamsAndPriorities.length; i += 2) {
                threeFrames(client, Integer.parseInt(streamsAndPriorities[i]));
            }
            return String.join(" ", dataFrames(client, Integer.MAX_VALUE));
        }
    }

    private static List<String> dataFrames(Http2Client client, int most) {
        List<String> order = new ArrayList<>();
        while (order.size() < most) {
            List<String> lines = client.read(POLL);
            if (lines.isEmpty()) {
                break;
            }
            for (String line : lines) {
                if (line.startsWith("DATA")) {
                    order.add(line.split(" ")[1]);
                }
            }
        }
        return order;
    }

    @Test
    void lowerUrgencyGoesFirstStrictly() {
        assertEquals("3 3 3 5 5 5 1 1 1", dataOrder("1", "u=5", "3", "u=1", "5", "u=3"));
    }

    @Test
    void nonIncrementalResponsesOfOneUrgencyGoWholeInStreamOrder() {
        assertEquals("1 1 1 3 3 3 5 5 5", dataOrder("1", "u=2", "3", "u=2", "5", "u=2"));
        assertEquals("3 3 3 5 5 5 7 7 7 1 1 1", dataOrder("1", "u=2, i", "3", "u=2", "5", "u=2", "7", "u=2, i=?0;p"),
                "the non-incremental ones (7's i=?0 says it is one) before the incremental 1");
    }

    @Test
    void incrementalResponsesOfOneUrgencyTakeTurns() {
        assertEquals("1 3 5 1 3 5 1 3 5", dataOrder("1", "u=4, i", "3", "i, u=4", "5", "u=4;x=y, i=?1"));
    }

    @Test
    void aRequestWithoutPriorityIsUrgencyThreeNotIncremental() {
        assertEquals("3 3 3 1 1 1 5 5 5", dataOrder("1", "u=3", "3", "u=2", "5", "u=9, i=1, garbage"),
                "u=9 is out of range and i=1 not a Boolean: both ignored, defaults (RFC 9218 §4)");
    }

    @Test
    void aPriorityUpdateReordersAResponseUnderWay() {
        try (Http2Client client = client(Http2ServerConfig.defaults())) {
            client.get(1, "/1", "priority", "u=3");
            client.get(3, "/3", "priority", "u=3");
            client.read();    // the HEADERS
            threeFrames(client, 1);
            threeFrames(client, 3);
            assertEquals(List.of("1"), dataFrames(client, 1));
            client.priorityUpdate(3, "u=0");
            assertEquals("3 3 3 1 1", String.join(" ", dataFrames(client, Integer.MAX_VALUE)));
        }
    }

    @Test
    void aPriorityUpdateForAStreamNotYetOpenIsKeptForIt() {
        try (Http2Client client = Http2Client.connected()) {
            client.priorityUpdate(3, "u=0, i");
            assertEquals(1, client.engine.pendingPriorityUpdates());
            client.app.responder = (engine, head) -> { };
            client.get(3, "/", "priority", "u=6");
            assertEquals(List.of("request 3 GET https example.com / u=0 i end"), client.app.take(), "the frame came later");
            assertEquals(0, client.engine.pendingPriorityUpdates());
        }
    }

    @Test
    void priorityUpdatesForIdleStreamsAreBoundedByMaxConcurrentStreams() {
        try (Http2Client client = Http2Client.connected()) {
            for (int id = 1; id <= 199; id += 2) {
                client.priorityUpdate(id, "u=1");
            }
            assertEquals(100, client.engine.pendingPriorityUpdates());
            client.priorityUpdate(201, "u=1");
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read(), "RFC 9218 §7.1");
        }
    }

    @Test
    void aThousandConcurrentStreamsAreAllServedAndNoneStarves() {
        Http2ServerConfig config = Http2ServerConfig.builder().maxConcurrentStreams(1000).build();
        try (Http2Client client = client(config)) {
            client.windowUpdate(0, 1 << 20);
            for (int id = 1; id < 2000; id += 2) {
                client.get(id, "/", "priority", id % 4 == 1 ? "u=3, i" : "u=3");
            }
            client.read();
            for (int id = 1; id < 2000; id += 2) {
                threeFrames(client, id);
            }
            List<String> order = dataFrames(client, Integer.MAX_VALUE);
            assertEquals(3000, order.size(), "every frame of every stream");
            Map<String, Integer> first = new HashMap<>();
            for (int i = 0; i < order.size(); i++) {
                first.putIfAbsent(order.get(i), i);
            }
            assertEquals(1000, first.size(), "every stream served");
            for (int id = 1; id < 2000; id += 2) {
                assertEquals(300, client.body(id).length(), "stream " + id);
            }
            // Non-incremental first, whole, in stream order; then the incremental ones take turns:
            // the last incremental stream starts within one round of the first, nobody waits for a whole response.
            int firstIncremental = first.get("1");
            int lastIncremental = first.get("1997");
            assertEquals(1500, firstIncremental, "500 non-incremental streams of 3 frames went first");
            assertTrue(lastIncremental - firstIncremental == 499, "one round: " + (lastIncremental - firstIncremental));
        }
    }
}
