package io.zyphos.bench.peer;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.DefaultFileRegion;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.AsciiString;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The Netty 4.2 peer, set up the way Netty's own examples and the TechEmpower entry do for peak
 * speed: the native epoll transport where its library loads (NIO otherwise), HttpServerCodec and
 * HttpObjectAggregator, responses written as they are made and flushed once per read batch, and
 * files sent with a {@link DefaultFileRegion} (sendfile).
 */
public final class NettyPeer implements PeerServer {

    /** The largest request body /echo takes; bigger ones get 413 from the aggregator. */
    static final int MAX_CONTENT = 16 * 1024 * 1024;

    private static final AsciiString TEXT_PLAIN = AsciiString.cached(PeerContent.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(PeerContent.APPLICATION_JSON);
    private static final byte[] PLAINTEXT = PeerContent.plaintext();

    private final EventLoopGroup group;
    private final Channel channel;
    private final String transport;
    private final int threads;

    private NettyPeer(EventLoopGroup group, Channel channel, String transport, int threads) {
        this.group = group;
        this.channel = channel;
        this.transport = transport;
        this.threads = threads;
    }

    /** Binds {@code host:port} (0 for any free port) and serves {@code dir} on {@code threads} event loops. */
    public static NettyPeer start(String host, int port, Path dir, int threads) throws IOException {
        boolean epoll = Epoll.isAvailable();
        IoHandlerFactory io = epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory();
        Class<? extends ServerChannel> channelType = epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
        String transport = epoll ? "epoll" : "nio (epoll unavailable: " + Epoll.unavailabilityCause().getMessage() + ")";
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, io);
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(channelType)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline()
                                    .addLast(new HttpServerCodec())
                                    .addLast(new HttpObjectAggregator(MAX_CONTENT))
                                    .addLast(new Handler(dir));
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
            return new NettyPeer(group, channel, transport, threads);
        } catch (InterruptedException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while binding " + host + ":" + port, e);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
            throw new IOException("cannot bind " + host + ":" + port + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String name() {
        return "netty";
    }

    @Override
    public InetSocketAddress address() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public String describe() {
        return "Netty 4.2, " + transport + ", " + threads + (threads == 1 ? " event loop" : " event loops");
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        // No quiet period: nothing is in flight once the listener is closed that a load run minds losing.
        group.shutdownGracefully(0, 5, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /**
     * One per connection: answers each aggregated request. Writes without flushing while a read
     * batch lasts and flushes once when it ends, so a pipelined batch leaves in one write.
     */
    private static final class Handler extends SimpleChannelInboundHandler<FullHttpRequest> {

        private final Path dir;

        Handler(Path dir) {
            this.dir = dir;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) throws IOException {
            if (!request.decoderResult().isSuccess()) {
                full(ctx, HttpResponseStatus.BAD_REQUEST, null, Unpooled.EMPTY_BUFFER, false);
                return;
            }
            String uri = request.uri();
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            HttpMethod method = request.method();
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (path.equals(PeerContent.PLAINTEXT_PATH) && method.equals(HttpMethod.GET)) {
                full(ctx, HttpResponseStatus.OK, TEXT_PLAIN, Unpooled.wrappedBuffer(PLAINTEXT), keepAlive);
            } else if (path.equals(PeerContent.JSON_PATH) && method.equals(HttpMethod.GET)) {
                full(ctx, HttpResponseStatus.OK, APPLICATION_JSON, Unpooled.wrappedBuffer(PeerContent.json()), keepAlive);
            } else if (path.equals(PeerContent.ECHO_PATH) && method.equals(HttpMethod.POST)) {
                String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
                full(ctx, HttpResponseStatus.OK, type, request.content().retainedDuplicate(), keepAlive);
            } else if (path.startsWith(PeerContent.FILES_PREFIX) && method.equals(HttpMethod.GET)) {
                file(ctx, path.substring(PeerContent.FILES_PREFIX.length()), keepAlive);
            } else {
                full(ctx, HttpResponseStatus.NOT_FOUND, null, Unpooled.EMPTY_BUFFER, keepAlive);
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }

        /** Writes a whole response; {@code body} passes to Netty, which releases it once written. */
        private static void full(ChannelHandlerContext ctx, HttpResponseStatus status,
                CharSequence type, ByteBuf body, boolean keepAlive) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            HttpHeaders headers = response.headers();
            if (type != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, type);
            }
            headers.set(HttpHeaderNames.DATE, PeerContent.date());
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            write(ctx, response, keepAlive);
        }

        /** The file as a {@link DefaultFileRegion}: the kernel copies it to the socket (sendfile). */
        private void file(ChannelHandlerContext ctx, String name, boolean keepAlive) throws IOException {
            Path file = PeerContent.file(dir, name);
            if (file == null) {
                FullHttpResponse missing = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND);
                missing.headers().set(HttpHeaderNames.DATE, PeerContent.date()).setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
                write(ctx, missing, keepAlive);
                return;
            }
            RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
            long length = raf.length();
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, PeerContent.mediaType(name))
                    .set(HttpHeaderNames.DATE, PeerContent.date())
                    .set(HttpHeaderNames.CONTENT_LENGTH, length);
            HttpUtil.setKeepAlive(response, keepAlive);
            ctx.write(response);
            // The region owns the file from here and closes it when released after the transfer.
            ctx.write(new DefaultFileRegion(raf.getChannel(), 0, length));
            var last = ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
        }

        private static void write(ChannelHandlerContext ctx, FullHttpResponse response, boolean keepAlive) {
            HttpUtil.setKeepAlive(response, keepAlive);
            if (keepAlive) {
                ctx.write(response, ctx.voidPromise());
            } else {
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }
    }
}
