package io.zyphos.bench.http2;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import io.zyphos.buffer.Buffers;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http.Status;
import io.zyphos.http2.frame.ConnectionPreface;
import io.zyphos.http2.frame.FrameWriter;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import io.zyphos.http2.frame.Http2Settings;
import io.zyphos.http2.hpack.HpackEncoder;
import io.zyphos.http2.server.Http2ServerConfig;
import io.zyphos.http2.server.Http2ServerEngine;
import io.zyphos.http2.server.Http2ServerListener;
import io.zyphos.http2.server.RequestHead;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Requests through a whole HTTP/2 server connection, no socket: what an h2load-like client sends
 * on one warm connection, 100 GETs at once on 100 new streams, every field block HPACK-indexed (the
 * tables warmed by a first request at set-up), and a WINDOW_UPDATE giving back the connection
 * credit the responses use; the application answers each at once with 200, two fields and a
 * 13-octet body. Scored per request.
 *
 * <ul>
 *   <li>{@code zyphos}: {@link Http2ServerEngine}, its output polled into one reused buffer.</li>
 *   <li>{@code netty}: Netty's {@code Http2FrameCodec} on an {@code EmbeddedChannel} fed the same
 *       octets, a handler answering each {@code Http2HeadersFrame} with a headers frame and a data
 *       frame, the outbound buffers read and released.</li>
 * </ul>
 * Each checks that it wrote something per batch. Run through {@code zyphos bench jmh http2}, which
 * puts the benchmark on Netty's FastThreadLocalThreads so Netty's recycler is measured as deployed.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class Http2ServerEngineBenchmark {

    static final int STREAMS = 100;
    static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

    private final FrameWriter writer = new FrameWriter();
    private byte[] firstBlock;
    private byte[] indexedBlock;
    private ByteBuf batch;
    private int nextStream;

    private Http2ServerEngine engine;
    private ByteBuf out;
    private ByteBuf body;
    private Headers responseHeaders;

    private EmbeddedChannel netty;

    @Setup(Level.Trial)
    public void setUp() {
        HpackEncoder encoder = new HpackEncoder();
        firstBlock = block(encoder);
        indexedBlock = block(encoder);
        batch = Buffers.allocator().directBuffer(STREAMS * 32);
        body = Unpooled.unreleasableBuffer(Buffers.allocator().directBuffer().writeBytes(BODY).asReadOnly());
        responseHeaders = new Headers().add(HeaderName.CONTENT_TYPE, "text/plain").add(HeaderName.SERVER, "bench");
        out = Buffers.allocator().directBuffer(64 * 1024);
        engine = new Http2ServerEngine(Http2ServerConfig.defaults(), new Answer());
        engine.start(0);
        netty = new EmbeddedChannel(Http2FrameCodecBuilder.forServer().build(), new NettyAnswer());
        ByteBuf start = Buffers.allocator().heapBuffer();
        ConnectionPreface.write(start);
        writer.writeSettings(start, Http2Settings.defaults());
        writer.writeSettingsAck(start);
        writer.writeHeaders(start, 1, Unpooled.wrappedBuffer(firstBlock), true);
        nextStream = 3;
        feed(start);
        start.release();
    }

    private static byte[] block(HpackEncoder encoder) {
        ByteBuf b = Unpooled.buffer();
        encoder.beginBlock(b);
        encoder.encodeField(b, ":method", "GET");
        encoder.encodeField(b, ":scheme", "https");
        encoder.encodeField(b, ":authority", "localhost:8443");
        encoder.encodeField(b, ":path", "/");
        encoder.encodeField(b, "user-agent", "h2load nghttp2/1.64.0");
        byte[] bytes = new byte[b.readableBytes()];
        b.readBytes(bytes);
        return bytes;
    }

    /** The next batch: 100 HEADERS on new streams, and the connection credit the last batch's responses used. */
    private ByteBuf nextBatch() {
        batch.clear();
        writer.writeWindowUpdate(batch, 0, STREAMS * BODY.length);
        for (int i = 0; i < STREAMS; i++) {
            FrameWriter.writeFrameHeader(batch, indexedBlock.length, io.zyphos.http2.frame.FrameType.HEADERS, 0x5, nextStream);
            batch.writeBytes(indexedBlock);
            nextStream += 2;
        }
        return batch;
    }

    private void feed(ByteBuf bytes) {
        engine.receive(bytes.duplicate(), 0);
        drainZyphos();
        netty.writeInbound(bytes.retainedDuplicate());
        drainNetty();
    }

    private int drainZyphos() {
        int written = 0;
        int n;
        do {
            out.clear();
            n = engine.pollOutbound(out, 64 * 1024);
            written += n;
        } while (n > 0);
        return written;
    }

    private int drainNetty() {
        int written = 0;
        for (Object o; (o = netty.readOutbound()) != null; ) {
            written += ((ByteBuf) o).readableBytes();
            ReferenceCountUtil.release(o);
        }
        return written;
    }

    @Benchmark
    @OperationsPerInvocation(STREAMS)
    public int zyphos() {
        engine.receive(nextBatch(), 0);
        int written = drainZyphos();
        if (written == 0 || engine.state() != Http2ServerEngine.State.OPEN) {
            throw new IllegalStateException("no responses: " + engine.state());
        }
        return written;
    }

    @Benchmark
    @OperationsPerInvocation(STREAMS)
    public int netty() {
        netty.writeInbound(nextBatch().retainedDuplicate());
        int written = drainNetty();
        if (written == 0) {
            throw new IllegalStateException("no responses from Netty");
        }
        return written;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        engine.close();
        netty.finishAndReleaseAll();
        batch.release();
        out.release();
    }

    /** Answers at once: 200, two fields, the body (a duplicate of one read-only buffer). */
    private final class Answer implements Http2ServerListener {
        @Override
        public void onRequest(RequestHead head) {
            engine.sendHeaders(head.streamId(), Status.OK, responseHeaders, false);
            engine.sendData(head.streamId(), body.duplicate(), true);
        }

        @Override
        public void onData(int streamId, ByteBuf data, boolean endStream) {
            engine.consumed(streamId, data.readableBytes());
        }

        @Override
        public void onTrailers(int streamId, Headers trailers) {}

        @Override
        public void onStreamReset(int streamId, Http2ErrorCode code) {}

        @Override
        public void onStreamWritable(int streamId) {}

        @Override
        public void onGoAway(int lastStreamId, Http2ErrorCode code, ByteBuf debugData) {}

        @Override
        public void onConnectionEnded(Http2Exception error) {
            throw new IllegalStateException("ended: " + error);
        }
    }

    /** Netty's side of the same: headers and data frames per request, as a Netty HTTP/2 handler writes them. */
    private final class NettyAnswer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof Http2HeadersFrame request && request.isEndStream()) {
                Http2Headers headers = new DefaultHttp2Headers().status("200").add("content-type", "text/plain")
                        .add("server", "bench");
                ctx.write(new DefaultHttp2HeadersFrame(headers).stream(request.stream()));
                ctx.write(new DefaultHttp2DataFrame(body.duplicate(), true).stream(request.stream()));
            }
            ReferenceCountUtil.release(msg);
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
