package io.zyphos.http2.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.FrameWriter;
import io.zyphos.http2.frame.Http2Settings;
import java.util.Arrays;

/**
 * Whatever a client sends after a valid preface and SETTINGS, the engine answers with frames and,
 * at worst, a GOAWAY: no exception escapes {@code receive}, {@code pollOutbound} or
 * {@code onTimeout}, the output stays within its bound, and once the engine is closed every buffer
 * it held, and every buffer the application gave it, is released. The application answers each
 * request with a small response and consumes all content, as a real one would.
 *
 * <p>The first byte of each input cuts the rest into pieces of that size plus one, fed one receive
 * each, with time moving a second between pieces. Seeds are under
 * {@code src/test/resources/io/zyphos/http2/server/Http2ServerEngineFuzzTestInputs/}.
 */
class Http2ServerEngineFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void anyBytesAfterThePrefaceGiveFramesOrAGoAway(byte[] data) {
        if (data.length == 0) {
            return;
        }
        int piece = (data[0] & 0xFF) + 1;
        byte[] wire = Arrays.copyOfRange(data, 1, data.length);
        Http2ServerConfig config = Http2ServerConfig.builder().maxOutboundBytes(4096).build();
        RecordingListener app = new RecordingListener();
        ByteBuf[] given = new ByteBuf[1];
        app.responder = (engine, head) -> {
            engine.sendHeaders(head.streamId(), Status.OK, new Headers(), false);
            given[0] = Unpooled.wrappedBuffer(new byte[] {'o', 'k'});
            engine.sendData(head.streamId(), given[0], true);
        };
        Http2ServerEngine engine = new Http2ServerEngine(config, app);
        app.engine = engine;
        ByteBuf in = Buffers.allocator().heapBuffer();
        ByteBuf out = Buffers.allocator().heapBuffer();
        try {
            engine.start(0);
            ConnectionPreface.write(in);
            new FrameWriter().writeSettings(in, Http2Settings.defaults());
            in.writeBytes(wire);
            long now = 0;
            while (in.isReadable()) {
                ByteBuf chunk = in.readSlice(Math.min(piece, in.readableBytes()));
                engine.receive(chunk, now);
                in.readerIndex(in.readerIndex() - chunk.readableBytes());
                assertTrue(engine.outboundBytes() <= 2 * 4096 + 512, engine.outboundBytes() + " octets waiting");
                if (engine.isReadPaused() || chunk.readableBytes() == 0) {
                    out.clear();
                    engine.pollOutbound(out, 1 << 16);
                }
                now += 1_000_000_000L;
                engine.onTimeout(now);
                if (engine.isFinished()) {
                    break;
                }
            }
            out.clear();
            while (engine.pollOutbound(out, 1 << 16) > 0) {
                out.clear();
            }
        } finally {
            engine.close();
            in.release();
            out.release();
        }
        if (given[0] != null) {
            assertEquals(0, given[0].refCnt(), "the application's content is released, written or not");
        }
    }
}
