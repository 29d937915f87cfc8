package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.FrameType;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Shutting a connection down (RFC 9113 §6.8). Gracefully: a GOAWAY naming 2^31-1 warns the client
 * while requests it already sent are still taken, a PING measures one round trip, then the final
 * GOAWAY names the last stream taken on; streams above it are refused, those below finish, and
 * the connection ends. A client's GOAWAY ends it the same way from the other side.
 */
class GoAwayTest {

    @Test
    void aGracefulShutdownWarnsPingsThenNamesTheLastStream() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            client.engine.goAway(true);
            assertEquals(List.of("GOAWAY 2147483647 NO_ERROR", "PING 7a7970686f732d31"), client.read());
            client.get(3, "/in-flight");
            client.send(out -> client.writer.writePing(out, true, Http2ServerEngine.DRAIN_PING));
            assertEquals(List.of("GOAWAY 3 NO_ERROR"), client.read(), "3 crossed the first GOAWAY and is served");
            client.get(5, "/too-late");
            assertEquals(List.of("request 1 GET https example.com / u=3 end", "request 3 GET https example.com /in-flight u=3 end"),
                    client.app.take(), "5 is above the last stream: ignored");
            client.engine.sendHeaders(1, Status.OK, new Headers(), true);
            client.engine.sendHeaders(3, Status.OK, new Headers(), true);
            assertEquals(List.of("HEADERS 1 {:status=200} END_STREAM", "HEADERS 3 {:status=200} END_STREAM"), client.read());
            assertEquals(List.of("ended gracefully"), client.app.take());
            assertTrue(client.engine.isFinished());
        }
    }

    @Test
    void withoutThePingsAcknowledgementTheFinalGoAwayFollowsAfterTheTimeout() {
        try (Http2Client client = Http2Client.connected()) {
            client.engine.goAway(true);
            client.read();
            assertEquals(Http2ServerConfig.DEFAULT_SETTINGS_TIMEOUT_NANOS, client.engine.nextDeadlineNanos());
            client.engine.onTimeout(Http2ServerConfig.DEFAULT_SETTINGS_TIMEOUT_NANOS);
            assertEquals(List.of("GOAWAY 0 NO_ERROR"), client.read());
            assertEquals(List.of("ended gracefully"), client.app.take(), "no stream was open");
        }
    }

    @Test
    void anImmediateGoAwayNamesTheLastStreamAtOnce() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            client.engine.goAway(false);
            assertEquals(List.of("GOAWAY 1 NO_ERROR"), client.read());
            assertEquals(Http2ServerEngine.State.GOING_AWAY, client.engine.state(), "stream 1 still to finish");
        }
    }

    @Test
    void theClientsGoAwayEndsTheConnectionOnceItsStreamsAreDone() {
        try (Http2Client client = Http2Client.connected()) {
            client.get(1, "/");
            client.frame(FrameType.GOAWAY, 0, 0, new byte[] {0, 0, 0, 0, 0, 0, 0, 0});
            assertEquals(List.of("GOAWAY 1 NO_ERROR"), client.read());
            client.engine.sendHeaders(1, Status.OK, new Headers(), true);
            client.read();
            assertEquals(List.of("request 1 GET https example.com / u=3 end", "goaway 0 NO_ERROR", "ended gracefully"),
                    client.app.take());
        }
    }
}
