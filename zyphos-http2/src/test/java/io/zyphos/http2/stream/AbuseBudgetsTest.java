package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §10.5, denial of service: a connection ends with ENHANCE_YOUR_CALM when the client
 * resets streams as an attack does (rapid reset, CVE-2023-44487), or makes the server reset them
 * (MadeYouReset, CVE-2025-8671), or floods frames that move nothing forward; and a client that
 * behaves, cancelling some streams and pinging now and then, never gets there. Time is a fake
 * clock in nanoseconds.
 */
class AbuseBudgetsTest {

    private static final long MILLIS = 1_000_000L;

    /** A server's streams and budget, fed what a client sends. */
    private static final class Server {
        final StreamRegistry streams = StreamRegistry.forServer();
        final ResetBudget resets = new ResetBudget();

        void request(int id, boolean cancelled, long now) {
            streams.onReceive(id, StreamFrame.HEADERS, !cancelled);
            if (cancelled) {
                streams.onReceive(id, StreamFrame.RST_STREAM, false);
                resets.onResetByPeer(id, now);
            } else {
                streams.onSend(id, StreamEvent.SEND_HEADERS);
                streams.onSend(id, StreamEvent.SEND_END_STREAM);
                resets.onStreamCompleted();
            }
        }
    }

    @Test
    void aRapidResetOf10000HeadersAndRstStreamPairsEndsTheConnection() {
        Server server = new Server();
        int pairs = 0;
        Http2Exception e = null;
        for (long now = 0; pairs < 10_000 && e == null; now += 10_000) {     // 100,000 pairs a second
            try {
                server.request(2 * pairs++ + 1, true, now);
            } catch (Http2Exception thrown) {
                e = thrown;
            }
        }
        assertEquals(Http2ErrorCode.ENHANCE_YOUR_CALM, e.code());
        assertTrue(e.isConnectionError());
        assertEquals(ResetBudget.DEFAULT_BURST + 1, pairs, "2 ms in, time has given back nothing yet");
    }

    @Test
    void aClientThatCancelsSomeStreamsNeverRunsOut() {
        Server server = new Server();
        SplittableRandom random = new SplittableRandom(7);
        long now = 0;
        for (int i = 0, id = 1; i < 100_000; i++, id += 2, now += MILLIS) {   // 1,000 requests a second
            server.request(id, random.nextInt(10) == 0, now);                 // a tenth of them cancelled
        }
        assertEquals(ResetBudget.DEFAULT_BURST, server.resets.remaining());
    }

    @Test
    void aBrowserLeavingAPageMayCancelEveryOpenStreamTwiceAtOnce() {
        ResetBudget resets = new ResetBudget();
        for (int id = 1; id < 400; id += 2) {
            resets.onResetByPeer(id, 0);
        }
        assertThrows(Http2Exception.class, () -> resets.onResetByPeer(401, 0));
    }

    @Test
    void resetsComeBackWithTime() {
        ResetBudget resets = new ResetBudget(10, 33);
        for (int i = 0; i < 10; i++) {
            resets.onResetByPeer(1 + 2 * i, 0);
        }
        assertEquals(0, resets.remaining());
        resets.onResetByPeer(21, 1_000 * MILLIS);                     // a second: 33 more, capped at 10
        assertEquals(9, resets.remaining());
        resets.onResetByPeer(23, 1_000 * MILLIS + 30 * MILLIS);        // 30 ms is less than one at 33 a second
        assertEquals(8, resets.remaining());
    }

    @Test
    void streamsTheServerResetsForTheClientsErrorsCountAlikeAgainstMadeYouReset() {
        // The client resets nothing itself: it sends, say, a WINDOW_UPDATE of 0 on each stream, and
        // the server answers each with RST_STREAM PROTOCOL_ERROR.
        ResetBudget resets = new ResetBudget();
        Http2Exception e = null;
        for (int id = 1; e == null; id += 2) {
            try {
                resets.onResetForPeerError(id, Http2ErrorCode.PROTOCOL_ERROR, 0);
            } catch (Http2Exception thrown) {
                e = thrown;
            }
        }
        assertEquals("connection error ENHANCE_YOUR_CALM: streams reset faster than 200 at once and 33 a second, by"
                + " the peer's stream errors (PROTOCOL_ERROR), the last on stream 401 (RFC 9113 §10.5;"
                + " CVE-2023-44487, CVE-2025-8671)", e.toString());
    }

    @Test
    void aFloodOfPingsEndsTheConnection() {
        ControlFrameBudget budget = new ControlFrameBudget();
        long now = 0;
        for (int i = 0; i < ControlFrameBudget.DEFAULT_BURST; i++, now += 1_000) {
            budget.onUnproductiveFrame("PING", now);
        }
        Http2Exception e = assertThrows(Http2Exception.class, () -> budget.onUnproductiveFrame("PING", 1_000_000));
        assertEquals("connection error ENHANCE_YOUR_CALM: frames that make no progress faster than 1000 at once and"
                + " 100 a second, the last PING (RFC 9113 §10.5)", e.toString());
    }

    @Test
    void aClientThatPingsAndReprioritisesAsBrowsersDoNeverRunsOut() {
        ControlFrameBudget budget = new ControlFrameBudget();
        long now = 0;
        for (int second = 0; second < 600; second++, now += 1_000 * MILLIS) {
            budget.onUnproductiveFrame("SETTINGS", now);
            for (int i = 0; i < 20; i++) {
                budget.onUnproductiveFrame("PING", now);
                budget.onUnproductiveFrame("PRIORITY", now);
                budget.onProgress();                                   // the request the PRIORITY was for
            }
        }
        assertEquals(ControlFrameBudget.DEFAULT_BURST - 21, budget.remaining());
    }
}
