package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Streams and their limits (RFC 9113 §5.1.1, §5.1.2): a client opens odd streams, each above the
 * last; no more than the SETTINGS_MAX_CONCURRENT_STREAMS the server advertised at once, the one
 * past it refused with REFUSED_STREAM, which tells the client it may retry (§8.7); a refused
 * stream's field block is still decoded, so the HPACK tables stay in step (§4.3).
 */
class StreamLimitsTest {

    @Test
    void theStreamPastMaxConcurrentStreamsIsRefusedAndTheNextFitsOnceOneCloses() {
        try (Http2Client client = Http2Client.connected()) {
            for (int id = 1; id <= 199; id += 2) {
                client.get(id, "/" + id);
            }
            assertEquals(100, client.engine.activeStreams());
            client.get(201, "/201");
            assertEquals(List.of("RST_STREAM 201 REFUSED_STREAM"), client.read());
            client.engine.sendHeaders(1, Status.OK, new Headers(), true);
            client.get(203, "/203");
            assertEquals(List.of("HEADERS 1 {:status=200} END_STREAM"), client.read());
            assertEquals(100, client.engine.activeStreams(), "203 took the place of 1");
            assertTrue(client.app.take().contains("request 203 GET https example.com /203 u=3 end"));
        }
    }

    @Test
    void aRefusedStreamsBlockIsStillDecodedSoTheTablesStayInStep() {
        try (Http2Client client = Http2Client.connected()) {
            for (int id = 1; id <= 199; id += 2) {
                client.get(id, "/");
            }
            client.get(201, "/", "x-new-field", "stored-in-the-dynamic-table");
            client.engine.resetStream(1, io.zyphos.http2.frame.Http2ErrorCode.CANCEL);
            client.app.take();
            client.get(203, "/", "x-new-field", "stored-in-the-dynamic-table");    // now an index into the table
            assertEquals(List.of("request 203 GET https example.com / u=3 end"), client.app.take());
        }
    }

    @Test
    void aClientStreamMustBeOddAndHigherThanEveryOneBefore() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(5, "/");
            client.get(3, "/");
            assertEquals(List.of("GOAWAY 5 PROTOCOL_ERROR"), client.read(), "§5.1.1: 3 is closed once 5 opened");
        }
        try (Http2Client client = Http2Client.connected()) {
            client.get(2, "/");
            assertEquals(List.of("GOAWAY 0 PROTOCOL_ERROR"), client.read(), "even streams are the server's");
        }
    }

    @Test
    void theMostStreamsTheConfigurationAllowsAreTenThousand() {
        Http2ServerConfig config = Http2ServerConfig.builder().maxConcurrentStreams(10_000).build();
        try (Http2Client client = Http2Client.connected(config)) {
            for (int id = 1; id <= 19_999; id += 2) {
                client.get(id, "/");
            }
            assertEquals(10_000, client.engine.activeStreams());
            client.get(20_001, "/");
            assertEquals(List.of("RST_STREAM 20001 REFUSED_STREAM"), client.read());
        }
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Http2ServerConfig.builder().maxConcurrentStreams(10_001).build());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Http2ServerConfig.builder().maxConcurrentStreams(99).build());
    }
}
