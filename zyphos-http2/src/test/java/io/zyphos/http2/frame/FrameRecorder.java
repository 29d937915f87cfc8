package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * A {@link FrameListener} that writes down each call as one line, and {@link #describe} that
 * writes a frame record as the same line, so that what a writer wrote and what a decoder read
 * can be compared as text:
 *
 * <pre>
 * DATA stream=1 data="hello" padding=4 END_STREAM
 * HEADERS stream=3 block=0x828684 dependency=1 weight=16 exclusive padding=2 END_STREAM
 * PRIORITY stream=3 dependency=0 weight=256
 * RST_STREAM stream=3 error=CANCEL
 * SETTINGS {ENABLE_PUSH=0, MAX_FRAME_SIZE=32768}          SETTINGS ACK
 * PUSH_PROMISE stream=1 promised=2 block=0x8287
 * PING data=0x0102030405060708                           PING ACK data=...
 * GOAWAY last=7 error=PROTOCOL_ERROR debug="bye"
 * WINDOW_UPDATE stream=0 increment=65535
 * PRIORITY_UPDATE prioritized=5 value="u=1, i"
 * stream error on stream 3 FRAME_SIZE_ERROR: PRIORITY of 4 octets, not 5 (RFC 9113 §6.3)
 * </pre>
 *
 * Bytes read as printable ASCII are quoted, others are hex. Borrowed buffers are read during the
 * call and never kept.
 */
final class FrameRecorder implements FrameListener {

    final List<String> lines = new ArrayList<>();

    @Override
    public void onData(int streamId, ByteBuf data, int padding, boolean endStream) {
        lines.add(data(streamId, data, padding, endStream));
    }

    @Override
    public void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency, int weight,
            boolean exclusive) {
        lines.add(headers(streamId, headerBlock, weight == 0 ? null : new StreamPriority(exclusive, dependency, weight),
                padding, endStream));
    }

    @Override
    public void onPriority(int streamId, int dependency, int weight, boolean exclusive) {
        lines.add("PRIORITY stream=" + streamId + priority(new StreamPriority(exclusive, dependency, weight)));
    }

    @Override
    public void onRstStream(int streamId, long errorCode) {
        lines.add("RST_STREAM stream=" + streamId + " error=" + errorCode(errorCode));
    }

    @Override
    public void onSettings(Http2Settings settings) {
        lines.add("SETTINGS " + settings);
    }

    @Override
    public void onSettingsAck() {
        lines.add("SETTINGS ACK");
    }

    @Override
    public void onPushPromise(int streamId, int promisedStreamId, ByteBuf headerBlock, int padding) {
        lines.add(pushPromise(streamId, promisedStreamId, headerBlock, padding));
    }

    @Override
    public void onPing(long opaqueData) {
        lines.add(ping(false, opaqueData));
    }

    @Override
    public void onPingAck(long opaqueData) {
        lines.add(ping(true, opaqueData));
    }

    @Override
    public void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData) {
        lines.add(goAway(lastStreamId, errorCode, debugData));
    }

    @Override
    public void onWindowUpdate(int streamId, int increment) {
        lines.add(windowUpdate(streamId, increment));
    }

    @Override
    public void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue) {
        lines.add(priorityUpdate(prioritizedStreamId, priorityFieldValue));
    }

    @Override
    public void onStreamError(Http2Exception error) {
        lines.add(error.toString());
    }

    /**
     * The line a decoder's listener writes for {@code frame}; a HEADERS or PUSH_PROMISE record
     * reads as the whole field block it starts.
     */
    static String describe(Http2Frame frame) {
        return switch (frame) {
            case DataFrame f -> data(f.streamId(), f.data(), f.padding(), f.endStream());
            case HeadersFrame f -> headers(f.streamId(), f.fragment(), f.priority(), f.padding(), f.endStream());
            case PriorityFrame f -> "PRIORITY stream=" + f.streamId() + priority(f.priority());
            case RstStreamFrame f -> "RST_STREAM stream=" + f.streamId() + " error=" + errorCode(f.errorCode());
            case SettingsFrame f -> f.ack() ? "SETTINGS ACK" : "SETTINGS " + f.settings();
            case PushPromiseFrame f -> pushPromise(f.streamId(), f.promisedStreamId(), f.fragment(), f.padding());
            case PingFrame f -> ping(f.ack(), f.opaqueData());
            case GoAwayFrame f -> goAway(f.lastStreamId(), f.errorCode(), f.debugData());
            case WindowUpdateFrame f -> windowUpdate(f.streamId(), f.increment());
            case ContinuationFrame f -> "CONTINUATION stream=" + f.streamId() + " block=" + bytes(f.fragment());
            case PriorityUpdateFrame f -> priorityUpdate(f.prioritizedStreamId(), f.priorityFieldValue());
        };
    }

    private static String data(int streamId, ByteBuf data, int padding, boolean endStream) {
        return "DATA stream=" + streamId + " data=" + bytes(data) + padding(padding) + (endStream ? " END_STREAM" : "");
    }

    private static String headers(int streamId, ByteBuf block, StreamPriority priority, int padding, boolean endStream) {
        return "HEADERS stream=" + streamId + " block=" + bytes(block) + (priority != null ? priority(priority) : "")
                + padding(padding) + (endStream ? " END_STREAM" : "");
    }

    private static String pushPromise(int streamId, int promisedStreamId, ByteBuf block, int padding) {
        return "PUSH_PROMISE stream=" + streamId + " promised=" + promisedStreamId + " block=" + bytes(block)
                + padding(padding);
    }

    private static String ping(boolean ack, long opaqueData) {
        return "PING " + (ack ? "ACK " : "") + "data=0x" + HexFormat.of().toHexDigits(opaqueData);
    }

    private static String goAway(int lastStreamId, long errorCode, ByteBuf debugData) {
        return "GOAWAY last=" + lastStreamId + " error=" + errorCode(errorCode)
                + (debugData.isReadable() ? " debug=" + bytes(debugData) : "");
    }

    private static String windowUpdate(int streamId, int increment) {
        return "WINDOW_UPDATE stream=" + streamId + " increment=" + increment;
    }

    private static String priorityUpdate(int prioritizedStreamId, ByteBuf value) {
        return "PRIORITY_UPDATE prioritized=" + prioritizedStreamId + " value=" + bytes(value);
    }

    private static String priority(StreamPriority p) {
        return " dependency=" + p.dependency() + " weight=" + p.weight() + (p.exclusive() ? " exclusive" : "");
    }

    private static String padding(int padding) {
        return padding > 0 ? " padding=" + padding : "";
    }

    /** A code §7 defines by name; any other in hex. */
    static String errorCode(long code) {
        Http2ErrorCode known = Http2ErrorCode.forCode(code);
        return known.code() == code ? known.name() : "0x" + Long.toHexString(code);
    }

    /** Printable ASCII quoted, anything else as hex; empty as "". */
    static String bytes(ByteBuf buf) {
        byte[] b = new byte[buf.readableBytes()];
        buf.getBytes(buf.readerIndex(), b);
        for (byte c : b) {
            if (c < 0x20 || c > 0x7E) {
                return "0x" + HexFormat.of().formatHex(b);
            }
        }
        return "\"" + new String(b, StandardCharsets.US_ASCII) + "\"";
    }
}
