package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.FrameDecoder;
import io.zyphos.http2.frame.FrameDecoderConfig;
import io.zyphos.http2.frame.FrameListener;
import io.zyphos.http2.frame.FrameType;
import io.zyphos.http2.frame.FrameWriter;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Settings;
import io.zyphos.http2.hpack.HpackDecoder;
import io.zyphos.http2.hpack.HpackEncoder;
import io.zyphos.http2.hpack.HpackException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A client written for the tests, in memory, on a fake clock: it writes frames with the frame
 * layer's {@link FrameWriter} and its own HPACK encoder, feeds them to the engine, and reads what
 * the engine writes with a client's {@link FrameDecoder} and HPACK decoder, one line per frame:
 *
 * <pre>
 * SETTINGS {MAX_CONCURRENT_STREAMS=100, MAX_HEADER_LIST_SIZE=16384, NO_RFC7540_PRIORITIES=1}
 * SETTINGS ACK            WINDOW_UPDATE 0 983041          PING ACK 42
 * HEADERS 1 {:status=200, content-type=text/plain} END_STREAM
 * DATA 1 5 END_STREAM     RST_STREAM 3 PROTOCOL_ERROR     GOAWAY 1 COMPRESSION_ERROR
 * </pre>
 *
 * DATA content is kept per stream ({@link #body}). Closing it closes the engine, so every buffer
 * either side held is released.
 */
final class Http2Client implements AutoCloseable {

    final Http2ServerEngine engine;
    final RecordingListener app;
    final FrameWriter writer = new FrameWriter();
    final HpackEncoder encoder = new HpackEncoder();
    final Map<Integer, StringBuilder> bodies = new HashMap<>();
    long now;
    String lastGoAwayDebug;

    private final HpackDecoder hpack = new HpackDecoder(4096, 1 << 20, 1 << 20);
    private final List<String> lines = new ArrayList<>();
    private final FrameDecoder frames = new FrameDecoder(FrameDecoderConfig.client(), new Lines());

    Http2Client(Http2ServerConfig config) {
        app = new RecordingListener();
        engine = new Http2ServerEngine(config, app);
        app.engine = engine;
    }

    /** An engine started and a client that has sent its preface and SETTINGS, both sides' SETTINGS acknowledged. */
    static Http2Client connected(Http2ServerConfig config) {
        Http2Client client = new Http2Client(config);
        client.engine.start(client.now);
        client.send(out -> {
            ConnectionPreface.write(out);
            client.writer.writeSettings(out, Http2Settings.defaults());
            client.writer.writeSettingsAck(out);
        });
        client.read();
        client.app.take();
        return client;
    }

    static Http2Client connected() {
        return connected(Http2ServerConfig.defaults());
    }

    /** Writes frames with {@code frames} and gives them to the engine in one buffer. */
    Http2Client send(Consumer<ByteBuf> frames) {
        ByteBuf out = Buffers.allocator().directBuffer();
        try {
            frames.accept(out);
            engine.receive(out, now);
        } finally {
            out.release();
        }
        return this;
    }

    /** A request's HEADERS: {@code fields} as name, value, name, value... pseudo-headers included. */
    Http2Client headers(int streamId, boolean endStream, String... fields) {
        ByteBuf block = block(fields);
        try {
            return send(out -> writer.writeHeaders(out, streamId, block, endStream));
        } finally {
            block.release();
        }
    }

    /** A GET of {@code path} with the usual pseudo-headers and {@code more} fields after them. */
    Http2Client get(int streamId, String path, String... more) {
        List<String> fields = new ArrayList<>(List.of(":method", "GET", ":scheme", "https", ":authority", "example.com",
                ":path", path));
        fields.addAll(List.of(more));
        return headers(streamId, true, fields.toArray(String[]::new));
    }

    /** An HPACK block of {@code fields}, encoded by this client's encoder; the caller releases it. */
    ByteBuf block(String... fields) {
        ByteBuf block = Unpooled.buffer();
        encoder.beginBlock(block);
        for (int i = 0; i < fields.length; i += 2) {
            encoder.encodeField(block, fields[i], fields[i + 1]);
        }
        return block;
    }

    Http2Client data(int streamId, String text, boolean endStream) {
        ByteBuf data = Unpooled.copiedBuffer(text, StandardCharsets.ISO_8859_1);
        try {
            return send(out -> writer.writeData(out, streamId, data, 0, endStream));
        } finally {
            data.release();
        }
    }

    Http2Client rst(int streamId, Http2ErrorCode code) {
        return send(out -> writer.writeRstStream(out, streamId, code.code()));
    }

    Http2Client windowUpdate(int streamId, int increment) {
        return send(out -> writer.writeWindowUpdate(out, streamId, increment));
    }

    Http2Client ping(long data) {
        return send(out -> writer.writePing(out, false, data));
    }

    Http2Client settings(Http2Settings settings) {
        return send(out -> writer.writeSettings(out, settings));
    }

    Http2Client priorityUpdate(int streamId, String value) {
        ByteBuf field = Unpooled.copiedBuffer(value, StandardCharsets.US_ASCII);
        try {
            return send(out -> writer.writePriorityUpdate(out, streamId, field));
        } finally {
            field.release();
        }
    }

    /** A frame of any type, flags and payload, as the frame layer would never write it. */
    Http2Client frame(FrameType type, int flags, int streamId, byte... payload) {
        return send(out -> {
            FrameWriter.writeFrameHeader(out, payload.length, type, flags, streamId);
            out.writeBytes(payload);
        });
    }

    /** Everything the engine has to write, read as lines; forgets them. */
    List<String> read() {
        return read(Integer.MAX_VALUE);
    }

    /** As {@link #read()}, taking at most {@code maxBytes} per poll, as a transport with a small socket buffer. */
    List<String> read(int maxBytes) {
        while (true) {
            ByteBuf out = Buffers.allocator().directBuffer();
            int n = engine.pollOutbound(out, Math.min(maxBytes, 1 << 20));
            if (n == 0) {
                out.release();
                break;
            }
            frames.receive(out);
            if (maxBytes != Integer.MAX_VALUE) {
                break;
            }
        }
        List<String> taken = List.copyOf(lines);
        lines.clear();
        return taken;
    }

    String body(int streamId) {
        StringBuilder b = bodies.get(streamId);
        return b == null ? "" : b.toString();
    }

    @Override
    public void close() {
        engine.close();
        frames.close();
    }

    private final class Lines implements FrameListener {
        @Override
        public void onData(int streamId, ByteBuf data, int padding, boolean endStream) {
            bodies.computeIfAbsent(streamId, id -> new StringBuilder()).append(data.toString(StandardCharsets.ISO_8859_1));
            lines.add("DATA " + streamId + " " + data.readableBytes() + (endStream ? " END_STREAM" : ""));
        }

        @Override
        public void onHeaders(int streamId, ByteBuf headerBlock, int padding, boolean endStream, int dependency,
                int weight, boolean exclusive) {
            StringBuilder fields = new StringBuilder("{");
            try {
                hpack.decode(headerBlock, (name, value, neverIndexed) ->
                        fields.append(fields.length() > 1 ? ", " : "").append(name).append('=').append(value));
            } catch (HpackException e) {
                fields.append("HPACK ").append(e.kind());
            }
            lines.add("HEADERS " + streamId + " " + fields + "}" + (endStream ? " END_STREAM" : ""));
        }

        @Override
        public void onPriority(int streamId, int dependency, int weight, boolean exclusive) {
            lines.add("PRIORITY " + streamId);
        }

        @Override
        public void onRstStream(int streamId, long errorCode) {
            lines.add("RST_STREAM " + streamId + " " + Http2ErrorCode.forCode(errorCode));
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
            lines.add("PUSH_PROMISE " + streamId);
        }

        @Override
        public void onPing(long opaqueData) {
            lines.add("PING " + Long.toHexString(opaqueData));
        }

        @Override
        public void onPingAck(long opaqueData) {
            lines.add("PING ACK " + Long.toHexString(opaqueData));
        }

        @Override
        public void onGoAway(int lastStreamId, long errorCode, ByteBuf debugData) {
            lastGoAwayDebug = debugData.toString(StandardCharsets.UTF_8);
            lines.add("GOAWAY " + lastStreamId + " " + Http2ErrorCode.forCode(errorCode));
        }

        @Override
        public void onWindowUpdate(int streamId, int increment) {
            lines.add("WINDOW_UPDATE " + streamId + " " + increment);
        }

        @Override
        public void onPriorityUpdate(int prioritizedStreamId, ByteBuf priorityFieldValue) {
            lines.add("PRIORITY_UPDATE " + prioritizedStreamId);
        }

        @Override
        public void onStreamError(Http2Exception error) {
            lines.add("client saw " + error);
        }
    }
}
