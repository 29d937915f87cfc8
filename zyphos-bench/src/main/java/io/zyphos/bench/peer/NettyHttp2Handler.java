package io.zyphos.bench.peer;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.AbstractHttp2ConnectionHandlerBuilder;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.Http2ConnectionDecoder;
import io.netty.handler.codec.http2.Http2ConnectionEncoder;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import io.netty.handler.codec.http2.Http2FrameAdapter;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2Settings;
import io.netty.util.AsciiString;

/**
 * The Netty peer's HTTP/2, written as Netty's own hello-world HTTP/2 server is
 * ({@code io.netty.example.http2.helloworld.server}): one {@link Http2ConnectionHandler} per
 * connection with a frame listener that answers each request where it is decoded, headers and data
 * written and the connection flushed once per read batch (the handler flushes on
 * {@code channelReadComplete}).
 *
 * <p>Netty offers two other ways: {@code Http2FrameCodec} with frames on the connection's channel,
 * and {@code Http2FrameCodec} with {@code Http2MultiplexHandler}, a child channel and pipeline per
 * stream. Both make a frame object per frame, and the second a channel per stream; this one has
 * nothing between the decoder and the answer, so it is the fast one.
 *
 * <p>It answers {@code GET /plaintext} and {@code GET /json} with the demo's bytes and headers
 * (content-type, date, content-length), and 404 to anything else: the HTTP/2 rows measure those two.
 */
final class NettyHttp2Handler extends Http2ConnectionHandler {

    private static final AsciiString TEXT_PLAIN = AsciiString.cached(PeerContent.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(PeerContent.APPLICATION_JSON);
    private static final AsciiString GET = HttpMethod.GET.asciiName();
    private static final byte[] PLAINTEXT = PeerContent.plaintext();

    private NettyHttp2Handler(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder, Http2Settings settings) {
        super(decoder, encoder, settings);
    }

    /** A new handler for one connection, with Netty's default settings. */
    static NettyHttp2Handler create() {
        return new Builder().build();
    }

    /** Netty's way to make a connection handler: the builder makes the codec and hands it over. */
    private static final class Builder extends AbstractHttp2ConnectionHandlerBuilder<NettyHttp2Handler, Builder> {

        @Override
        public NettyHttp2Handler build() {
            return super.build();
        }

        @Override
        protected NettyHttp2Handler build(Http2ConnectionDecoder decoder, Http2ConnectionEncoder encoder,
                Http2Settings initialSettings) {
            NettyHttp2Handler handler = new NettyHttp2Handler(decoder, encoder, initialSettings);
            frameListener(handler.new Requests());
            return handler;
        }
    }

    /** Answers a request when its headers arrive; a body, if one comes, is consumed and dropped. */
    private final class Requests extends Http2FrameAdapter {

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int padding,
                boolean endOfStream) {
            answer(ctx, streamId, headers);
        }

        @Override
        public void onHeadersRead(ChannelHandlerContext ctx, int streamId, Http2Headers headers, int streamDependency,
                short weight, boolean exclusive, int padding, boolean endOfStream) {
            answer(ctx, streamId, headers);
        }

        @Override
        public int onDataRead(ChannelHandlerContext ctx, int streamId, ByteBuf data, int padding, boolean endOfStream) {
            // All of it processed: the decoder gives the flow-control window back (RFC 9113 §6.9).
            return data.readableBytes() + padding;
        }
    }

    private void answer(ChannelHandlerContext ctx, int streamId, Http2Headers request) {
        String path = String.valueOf(request.path());
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        boolean get = GET.contentEquals(request.method());
        if (get && path.equals(PeerContent.PLAINTEXT_PATH)) {
            send(ctx, streamId, TEXT_PLAIN, Unpooled.wrappedBuffer(PLAINTEXT));
        } else if (get && path.equals(PeerContent.JSON_PATH)) {
            send(ctx, streamId, APPLICATION_JSON, Unpooled.wrappedBuffer(PeerContent.json()));
        } else {
            Http2Headers notFound = new DefaultHttp2Headers().status(HttpResponseStatus.NOT_FOUND.codeAsText())
                    .set(HttpHeaderNames.DATE, PeerContent.date())
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            encoder().writeHeaders(ctx, streamId, notFound, 0, true, ctx.newPromise());
        }
    }

    /** Headers, then the body ending the stream; {@code body} passes to the encoder, which releases it once written. */
    private void send(ChannelHandlerContext ctx, int streamId, AsciiString type, ByteBuf body) {
        Http2Headers headers = new DefaultHttp2Headers().status(HttpResponseStatus.OK.codeAsText())
                .set(HttpHeaderNames.CONTENT_TYPE, type)
                .set(HttpHeaderNames.DATE, PeerContent.date())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        encoder().writeHeaders(ctx, streamId, headers, 0, false, ctx.newPromise());
        encoder().writeData(ctx, streamId, body, 0, true, ctx.newPromise());
    }
}
