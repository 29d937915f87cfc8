package io.zyphos.http2.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Setting;
import io.zyphos.http2.frame.Http2Settings;
import org.junit.jupiter.api.Test;

/**
 * RFC 9113 §5.2, §6.9, §6.9.1, §6.9.2, flow control: one test per rule. A sender may send DATA only
 * within the windows the receiver gave it, per stream and for the connection; WINDOW_UPDATE widens
 * them up to 2^31-1; SETTINGS_INITIAL_WINDOW_SIZE moves every stream's window, below 0 if need be;
 * padding counts.
 */
class FlowControlTest {

    @Test
    void theInitialWindowIs65535ForStreamsAndTheConnection() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, false);
        assertEquals(65_535, server.stream(1).sendWindow().available());
        assertEquals(65_535, server.stream(1).receiveWindow().available());
        assertEquals(65_535, new FlowControlWindow(FlowControlWindow.DEFAULT_INITIAL_WINDOW).available());
    }

    @Test
    void aSenderMustNotSendMoreThanEitherWindowAllows() {
        FlowControlWindow stream = new FlowControlWindow(1_000);
        FlowControlWindow connection = new FlowControlWindow(300);
        assertEquals(300, FlowControlWindow.sendable(5_000, stream, connection, 16_384));
        assertEquals(100, FlowControlWindow.sendable(100, stream, connection, 16_384));
        connection.consume(300);
        assertEquals(0, FlowControlWindow.sendable(5_000, stream, connection, 16_384));
        assertThrows(IllegalStateException.class, () -> connection.consume(1));
    }

    @Test
    void aDataFrameIsNoLargerThanThePeersMaxFrameSize() {
        FlowControlWindow wide = new FlowControlWindow(1 << 20);
        assertEquals(16_384, FlowControlWindow.sendable(1 << 20, wide, wide, 16_384));
    }

    @Test
    void aWindowUpdateWidensTheWindow() {
        FlowControlWindow window = new FlowControlWindow(0);
        window.onWindowUpdate(1_024, 3);
        assertEquals(1_024, window.available());
    }

    @Test
    void aStreamWindowPast2To31Minus1MustEndTheStreamWithFlowControlError() {
        FlowControlWindow window = new FlowControlWindow(FlowControlWindow.MAX_WINDOW);
        Http2Exception e = assertThrows(Http2Exception.class, () -> window.onWindowUpdate(1, 3));
        assertEquals("stream error on stream 3 FLOW_CONTROL_ERROR: WINDOW_UPDATE taking the window of stream 3 to"
                + " 2147483648, past 2^31-1 (RFC 9113 §6.9.1)", e.toString());
        assertEquals(FlowControlWindow.MAX_WINDOW, window.available(), "unchanged");
    }

    @Test
    void theConnectionWindowPast2To31Minus1MustEndTheConnectionWithFlowControlError() {
        FlowControlWindow window = new FlowControlWindow(65_535);
        Http2Exception e = assertThrows(Http2Exception.class,
                () -> window.onWindowUpdate(FlowControlWindow.MAX_WINDOW - 65_534, 0));
        assertTrue(e.isConnectionError());
        assertEquals("FLOW_CONTROL_ERROR", e.code().name());
    }

    @Test
    void dataPastTheReceiveWindowIsAFlowControlErrorOfTheStreamOrTheConnection() {
        ReceiveWindow stream = new ReceiveWindow(100, WindowUpdatePolicy.HALF);
        Http2Exception e = assertThrows(Http2Exception.class, () -> stream.onData(101, 0, 1));
        assertEquals("stream error on stream 1 FLOW_CONTROL_ERROR: DATA of 101 octets on stream 1 with a window of"
                + " 100 (RFC 9113 §6.9.1)", e.toString());
        ReceiveWindow connection = new ReceiveWindow(100, WindowUpdatePolicy.HALF);
        assertTrue(assertThrows(Http2Exception.class, () -> connection.onData(101, 0, 0)).isConnectionError());
    }

    @Test
    void dataOnAClosedOrIgnoredStreamStillCountsAgainstTheConnectionWindow() {
        // §6.9.1: the engine takes the frame from the connection's window before it asks the stream.
        StreamRegistry server = StreamRegistry.forServer();
        ReceiveWindow connection = new ReceiveWindow(65_535, WindowUpdatePolicy.HALF);
        server.onReceive(1, StreamFrame.HEADERS, false);
        server.onSend(1, StreamEvent.SEND_RST_STREAM);
        connection.onData(1_000, 0, 0);
        assertEquals("ignore", VerdictText.of(server.onReceive(1, StreamFrame.DATA, false)));
        assertEquals(1_000, connection.buffered());
        assertEquals(0, connection.onConsumed(1_000), "the engine consumes what it drops");
        assertEquals(64_535, connection.available());
    }

    @Test
    void paddingAndThePadLengthOctetCountAndComeBackAtOnce() {
        // §6.1, §6.9.1: a 100-octet payload of 1 Pad Length octet, 59 of data and 40 of padding.
        ReceiveWindow window = new ReceiveWindow(200, WindowUpdatePolicy.HALF);
        assertEquals(0, window.onData(100, 41, 1));
        assertEquals(100, window.available());
        assertEquals(59, window.buffered());
        assertEquals(41, window.unacknowledged());
        assertEquals(100, window.onConsumed(59), "41 + 59 reach half of 200");
        assertEquals(200, window.available());
    }

    @Test
    void creditGoesBackOnlyForWhatTheApplicationConsumed() {
        ReceiveWindow window = new ReceiveWindow(1_000, WindowUpdatePolicy.HALF);
        assertEquals(0, window.onData(1_000, 0, 1));
        assertEquals(0, window.available(), "a reader that does not read stops its sender");
        assertEquals(0, window.onConsumed(499));
        assertEquals(500, window.onConsumed(1));
        assertEquals(500, window.available());
        assertThrows(IllegalStateException.class, () -> window.onConsumed(501));
    }

    @Test
    void aChangeOfInitialWindowSizeMustMoveEveryStreamSendWindowByTheDifference() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, true);
        server.onReceive(3, StreamFrame.HEADERS, true);
        server.stream(1).sendWindow().consume(60_000);
        server.onPeerSettings(Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 16_384));
        assertEquals(5_535 - 49_151, server.stream(1).sendWindow().available(), "below 0");
        assertEquals(16_384, server.stream(3).sendWindow().available());
        server.onReceive(5, StreamFrame.HEADERS, true);
        assertEquals(16_384, server.stream(5).sendWindow().available(), "new streams start from the new value");
    }

    @Test
    void aSenderMustNotSendWhileItsWindowIsNegative() {
        FlowControlWindow stream = new FlowControlWindow(100);
        stream.onInitialWindowChange(-300, 1);
        FlowControlWindow connection = new FlowControlWindow(65_535);
        assertEquals(0, FlowControlWindow.sendable(1_000, stream, connection, 16_384));
        stream.onWindowUpdate(250, 1);
        assertEquals(50, FlowControlWindow.sendable(1_000, stream, connection, 16_384));
    }

    @Test
    void aChangeOfInitialWindowSizeThatTakesAWindowPast2To31Minus1MustBeAConnectionFlowControlError() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, true);
        server.stream(1).sendWindow().onWindowUpdate(FlowControlWindow.MAX_WINDOW - 65_535, 1);
        Http2Exception e = assertThrows(Http2Exception.class, () -> server.onPeerSettings(
                Http2Settings.defaults().with(Http2Setting.INITIAL_WINDOW_SIZE, 65_536)));
        assertEquals("connection error FLOW_CONTROL_ERROR: SETTINGS_INITIAL_WINDOW_SIZE taking the window of stream 1"
                + " to 2147483648, past 2^31-1 (RFC 9113 §6.9.2)", e.toString());
    }

    @Test
    void theConnectionWindowChangesOnlyByWindowUpdate() {
        ReceiveWindow connection = new ReceiveWindow(65_535, WindowUpdatePolicy.HALF);
        assertEquals(1_048_576 - 65_535, connection.widenTo(1_048_576), "the WINDOW_UPDATE on stream 0 to send");
        assertEquals(1_048_576, connection.available());
    }

    @Test
    void ourOwnNewInitialWindowSizeMovesEveryStreamReceiveWindowOnceAcknowledged() {
        StreamRegistry server = StreamRegistry.forServer();
        server.onReceive(1, StreamFrame.HEADERS, false);
        server.onLocalInitialWindowSize(1_048_576);
        assertEquals(1_048_576, server.stream(1).receiveWindow().available());
        server.onReceive(3, StreamFrame.HEADERS, false);
        assertEquals(1_048_576, server.stream(3).receiveWindow().target());
    }
}
