package io.zyphos.http2.frame;

import io.netty.buffer.ByteBuf;

/**
 * The frame layer of HTTP/2 (RFC 9113 §4, §6) on the sending side: each frame type written into
 * a buffer the caller gives, header and payload, as the RFC lays it out. Nothing is sent and
 * nothing is kept: the writer knows only the peer's SETTINGS_MAX_FRAME_SIZE, which it holds every
 * frame to and splits field blocks by.
 *
 * <h2>DATA without copying</h2>
 * {@link #writeDataHeader} writes only the 9 octets of a DATA frame's header; the caller then
 * queues the data buffer itself behind them, so a connection writes
 * {@code header, data, header, data} with a gathering write and the data is never copied. A
 * composite buffer per frame would do the same with an object, and a component list to walk, for
 * each frame; two writes cost nothing a transport with gathering writes does not already do
 * ({@code io.zyphos.server.Connection} has them). {@link #writeData} copies, and is there for
 * padding and small payloads.
 *
 * <h2>Field blocks</h2>
 * {@link #writeHeaders} and {@link #writePushPromise} take a whole HPACK-encoded field block and
 * cut it into a HEADERS (or PUSH_PROMISE) frame and as many CONTINUATION frames as the peer's
 * maximum frame size needs, END_HEADERS on the last (§4.3, §6.10). {@link #write(ByteBuf, Http2Frame)}
 * writes one frame exactly as its record says, fragments and flags included.
 *
 * <h2>Rules kept</h2>
 * Unused flags and reserved bits are written as 0 (§4.1); padding octets are zeros (§6.1). Values
 * a rule forbids throw {@link IllegalArgumentException}: a frame longer than the peer's maximum,
 * a stream identifier out of range or 0 where a stream is needed, a window increment of 0.
 *
 * <p>Buffers given to the writer are read, never released. Not thread-safe: one writer per
 * connection.
 */
public final class FrameWriter {

    private int maxFrameSize = FrameDecoderConfig.DEFAULT_MAX_FRAME_SIZE;

    // ---- queries and commands ----

    /** The peer's SETTINGS_MAX_FRAME_SIZE the writer holds frames to; 16,384 until told. */
    public int maxFrameSize() {
        return maxFrameSize;
    }

    /**
     * The peer's SETTINGS_MAX_FRAME_SIZE changed (a SETTINGS frame from it gave a new value).
     *
     * @throws IllegalArgumentException outside 16,384 to 16,777,215
     */
    public void maxFrameSize(int max) {
        FrameDecoderConfig.checkMaxFrameSize(max);
        maxFrameSize = max;
    }

    // ---- frames ----

    /**
     * Writes a frame header (§4.1): Length, Type, Flags and the stream with its reserved bit 0.
     * The payload is the caller's to write.
     */
    public static void writeFrameHeader(ByteBuf out, int length, FrameType type, int flags, int streamId) {
        out.writeMedium(length);
        out.writeByte(type.code());
        out.writeByte(flags);
        out.writeInt(streamId);
    }

    /**
     * Writes the header of a DATA frame of {@code dataLength} octets, unpadded (§6.1); the data
     * itself goes after it, in a buffer of the caller's (see the class comment).
     */
    public void writeDataHeader(ByteBuf out, int streamId, int dataLength, boolean endStream) {
        FrameChecks.requireStream(FrameType.DATA, streamId);
        requireFits(FrameType.DATA, dataLength);
        writeFrameHeader(out, dataLength, FrameType.DATA, endStream ? FrameFlags.END_STREAM : 0, streamId);
    }

    /**
     * Writes a DATA frame (§6.1), copying the readable bytes of {@code data}.
     *
     * @param padding octets of padding with the Pad Length octet: 0 for none, else 1 to 256
     */
    public void writeData(ByteBuf out, int streamId, ByteBuf data, int padding, boolean endStream) {
        FrameChecks.requireStream(FrameType.DATA, streamId);
        FrameChecks.requirePadding(padding);
        int length = padding + data.readableBytes();
        requireFits(FrameType.DATA, length);
        int flags = (endStream ? FrameFlags.END_STREAM : 0) | (padding > 0 ? FrameFlags.PADDED : 0);
        writeFrameHeader(out, length, FrameType.DATA, flags, streamId);
        writePadLength(out, padding);
        out.writeBytes(data, data.readerIndex(), data.readableBytes());
        writePadding(out, padding);
    }

    /**
     * Writes a whole field block as a HEADERS frame and the CONTINUATION frames it needs (§6.2,
     * §6.10), with no PRIORITY fields and no padding.
     */
    public void writeHeaders(ByteBuf out, int streamId, ByteBuf headerBlock, boolean endStream) {
        writeHeaders(out, streamId, null, headerBlock, endStream);
    }

    /**
     * Writes a whole field block as a HEADERS frame, with PRIORITY fields if {@code priority} is
     * not null, and the CONTINUATION frames it needs (§6.2, §6.10).
     */
    public void writeHeaders(ByteBuf out, int streamId, StreamPriority priority, ByteBuf headerBlock, boolean endStream) {
        FrameChecks.requireStream(FrameType.HEADERS, streamId);
        int fields = priority != null ? PriorityFrame.LENGTH : 0;
        int first = Math.min(headerBlock.readableBytes(), maxFrameSize - fields);
        boolean endHeaders = first == headerBlock.readableBytes();
        int flags = (endStream ? FrameFlags.END_STREAM : 0) | (endHeaders ? FrameFlags.END_HEADERS : 0)
                | (priority != null ? FrameFlags.PRIORITY : 0);
        writeFrameHeader(out, fields + first, FrameType.HEADERS, flags, streamId);
        if (priority != null) {
            writePriorityFields(out, priority);
        }
        out.writeBytes(headerBlock, headerBlock.readerIndex(), first);
        writeContinuations(out, streamId, headerBlock, first);
    }

    /** Writes a PRIORITY frame (§6.3). */
    public void writePriority(ByteBuf out, int streamId, StreamPriority priority) {
        FrameChecks.requireStream(FrameType.PRIORITY, streamId);
        writeFrameHeader(out, PriorityFrame.LENGTH, FrameType.PRIORITY, 0, streamId);
        writePriorityFields(out, priority);
    }

    /** Writes a RST_STREAM frame (§6.4); {@code errorCode} is usually an {@link Http2ErrorCode#code()}. */
    public void writeRstStream(ByteBuf out, int streamId, long errorCode) {
        FrameChecks.requireStream(FrameType.RST_STREAM, streamId);
        FrameChecks.requireErrorCode(errorCode);
        writeFrameHeader(out, RstStreamFrame.LENGTH, FrameType.RST_STREAM, 0, streamId);
        out.writeInt((int) errorCode);
    }

    /** Writes a SETTINGS frame (§6.5) with each setting {@code settings} gives, in identifier order. */
    public void writeSettings(ByteBuf out, Http2Settings settings) {
        int length = settings.size() * SettingsFrame.SETTING_LENGTH;
        requireFits(FrameType.SETTINGS, length);
        writeFrameHeader(out, length, FrameType.SETTINGS, 0, 0);
        for (Http2Setting setting : Http2Setting.values()) {
            if (settings.contains(setting)) {
                out.writeShort(setting.id());
                out.writeInt((int) settings.get(setting));
            }
        }
    }

    /** Writes a SETTINGS frame with ACK and no payload (§6.5.3). */
    public void writeSettingsAck(ByteBuf out) {
        writeFrameHeader(out, 0, FrameType.SETTINGS, FrameFlags.ACK, 0);
    }

    /**
     * Writes a whole field block as a PUSH_PROMISE frame and the CONTINUATION frames it needs
     * (§6.6, §6.10), unpadded.
     */
    public void writePushPromise(ByteBuf out, int streamId, int promisedStreamId, ByteBuf headerBlock) {
        FrameChecks.requireStream(FrameType.PUSH_PROMISE, streamId);
        FrameChecks.requireStream(FrameType.PUSH_PROMISE, promisedStreamId);
        int first = Math.min(headerBlock.readableBytes(), maxFrameSize - 4);
        boolean endHeaders = first == headerBlock.readableBytes();
        writeFrameHeader(out, 4 + first, FrameType.PUSH_PROMISE, endHeaders ? FrameFlags.END_HEADERS : 0, streamId);
        out.writeInt(promisedStreamId);
        out.writeBytes(headerBlock, headerBlock.readerIndex(), first);
        writeContinuations(out, streamId, headerBlock, first);
    }

    /** Writes a PING frame (§6.7); with {@code ack}, the answer to one. */
    public void writePing(ByteBuf out, boolean ack, long opaqueData) {
        writeFrameHeader(out, PingFrame.LENGTH, FrameType.PING, ack ? FrameFlags.ACK : 0, 0);
        out.writeLong(opaqueData);
    }

    /** Writes a GOAWAY frame (§6.8) with the readable bytes of {@code debugData}, possibly none. */
    public void writeGoAway(ByteBuf out, int lastStreamId, long errorCode, ByteBuf debugData) {
        FrameChecks.requireStreamOrConnection(FrameType.GOAWAY, lastStreamId);
        FrameChecks.requireErrorCode(errorCode);
        int length = GoAwayFrame.MIN_LENGTH + debugData.readableBytes();
        requireFits(FrameType.GOAWAY, length);
        writeFrameHeader(out, length, FrameType.GOAWAY, 0, 0);
        out.writeInt(lastStreamId);
        out.writeInt((int) errorCode);
        out.writeBytes(debugData, debugData.readerIndex(), debugData.readableBytes());
    }

    /** Writes a WINDOW_UPDATE frame (§6.9) for a stream, or for the connection on stream 0. */
    public void writeWindowUpdate(ByteBuf out, int streamId, int increment) {
        FrameChecks.requireStreamOrConnection(FrameType.WINDOW_UPDATE, streamId);
        if (increment <= 0) {
            throw new IllegalArgumentException("a window increment is 1 to 2^31-1 (RFC 9113 §6.9): " + increment);
        }
        writeFrameHeader(out, WindowUpdateFrame.LENGTH, FrameType.WINDOW_UPDATE, 0, streamId);
        out.writeInt(increment);
    }

    /** Writes a PRIORITY_UPDATE frame (RFC 9218 §7.1) with the readable bytes of {@code priorityFieldValue}. */
    public void writePriorityUpdate(ByteBuf out, int prioritizedStreamId, ByteBuf priorityFieldValue) {
        FrameChecks.requireStream(FrameType.PRIORITY_UPDATE, prioritizedStreamId);
        int length = PriorityUpdateFrame.MIN_LENGTH + priorityFieldValue.readableBytes();
        requireFits(FrameType.PRIORITY_UPDATE, length);
        writeFrameHeader(out, length, FrameType.PRIORITY_UPDATE, 0, 0);
        out.writeInt(prioritizedStreamId);
        out.writeBytes(priorityFieldValue, priorityFieldValue.readerIndex(), priorityFieldValue.readableBytes());
    }

    /**
     * Writes one frame exactly as the record gives it: a HEADERS record without END_HEADERS is
     * written without it, and its CONTINUATION frames are records of their own. The frame is
     * read, not released.
     *
     * @throws IllegalArgumentException if the frame is longer than the peer's maximum
     */
    public void write(ByteBuf out, Http2Frame frame) {
        requireFits(frame.type(), frame.payloadLength());
        switch (frame) {
            case DataFrame f -> writeData(out, f.streamId(), f.data(), f.padding(), f.endStream());
            case HeadersFrame f -> {
                int flags = (f.endStream() ? FrameFlags.END_STREAM : 0) | (f.endHeaders() ? FrameFlags.END_HEADERS : 0)
                        | (f.padding() > 0 ? FrameFlags.PADDED : 0) | (f.priority() != null ? FrameFlags.PRIORITY : 0);
                writeFrameHeader(out, f.payloadLength(), FrameType.HEADERS, flags, f.streamId());
                writePadLength(out, f.padding());
                if (f.priority() != null) {
                    writePriorityFields(out, f.priority());
                }
                out.writeBytes(f.fragment(), f.fragment().readerIndex(), f.fragment().readableBytes());
                writePadding(out, f.padding());
            }
            case PriorityFrame f -> writePriority(out, f.streamId(), f.priority());
            case RstStreamFrame f -> writeRstStream(out, f.streamId(), f.errorCode());
            case SettingsFrame f -> {
                if (f.ack()) {
                    writeSettingsAck(out);
                } else {
                    writeSettings(out, f.settings());
                }
            }
            case PushPromiseFrame f -> {
                int flags = (f.endHeaders() ? FrameFlags.END_HEADERS : 0) | (f.padding() > 0 ? FrameFlags.PADDED : 0);
                writeFrameHeader(out, f.payloadLength(), FrameType.PUSH_PROMISE, flags, f.streamId());
                writePadLength(out, f.padding());
                out.writeInt(f.promisedStreamId());
                out.writeBytes(f.fragment(), f.fragment().readerIndex(), f.fragment().readableBytes());
                writePadding(out, f.padding());
            }
            case PingFrame f -> writePing(out, f.ack(), f.opaqueData());
            case GoAwayFrame f -> writeGoAway(out, f.lastStreamId(), f.errorCode(), f.debugData());
            case WindowUpdateFrame f -> writeWindowUpdate(out, f.streamId(), f.increment());
            case ContinuationFrame f -> {
                writeFrameHeader(out, f.payloadLength(), FrameType.CONTINUATION,
                        f.endHeaders() ? FrameFlags.END_HEADERS : 0, f.streamId());
                out.writeBytes(f.fragment(), f.fragment().readerIndex(), f.fragment().readableBytes());
            }
            case PriorityUpdateFrame f -> writePriorityUpdate(out, f.prioritizedStreamId(), f.priorityFieldValue());
        }
    }

    // ---- parts ----

    /** The rest of a field block after its first {@code written} octets, as CONTINUATION frames. */
    private void writeContinuations(ByteBuf out, int streamId, ByteBuf headerBlock, int written) {
        int at = headerBlock.readerIndex() + written;
        int end = headerBlock.writerIndex();
        while (at < end) {
            int n = Math.min(end - at, maxFrameSize);
            writeFrameHeader(out, n, FrameType.CONTINUATION, at + n == end ? FrameFlags.END_HEADERS : 0, streamId);
            out.writeBytes(headerBlock, at, n);
            at += n;
        }
    }

    /** Exclusive, Stream Dependency and Weight (§6.3), the weight sent as one less. */
    private static void writePriorityFields(ByteBuf out, StreamPriority priority) {
        out.writeInt(priority.exclusive() ? priority.dependency() | 0x8000_0000 : priority.dependency());
        out.writeByte(priority.weight() - 1);
    }

    private static void writePadLength(ByteBuf out, int padding) {
        if (padding > 0) {
            out.writeByte(padding - 1);
        }
    }

    private static void writePadding(ByteBuf out, int padding) {
        if (padding > 1) {
            out.writeZero(padding - 1);
        }
    }

    private void requireFits(FrameType type, int length) {
        if (length > maxFrameSize) {
            throw new IllegalArgumentException(type + " of " + length + " octets, more than the peer's"
                    + " SETTINGS_MAX_FRAME_SIZE " + maxFrameSize + " (RFC 9113 §4.2)");
        }
    }
}
