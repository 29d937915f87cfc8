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
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http2.Http2SecurityUtil;
import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.ApplicationProtocolNames;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.SupportedCipherSuiteFilter;
import io.netty.util.AsciiString;
import io.netty.util.Version;
import io.zyphos.tls.CertifiedKey;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The Netty 4.2 peer, written as Netty users write an HTTP server (Netty's own examples): the
 * native epoll transport by default (io_uring or NIO when asked, see {@link NettyTransport}),
 * {@link HttpServerCodec} and {@link HttpObjectAggregator}, responses written as they are made and
 * flushed once per read batch, and files sent with a {@link DefaultFileRegion} (sendfile on NIO and
 * epoll, splice on io_uring). Asked for HTTP/2, it runs {@link NettyHttp2Handler} instead: in clear
 * text with prior knowledge, or over TLS with ALPN, on OpenSSL through netty-tcnative as Netty
 * recommends (the JDK's engine where tcnative does not load).
 */
public final class NettyPeer implements PeerServer {

    /** The largest request body /echo takes; bigger ones get 413 from the aggregator. */
    static final int MAX_CONTENT = 16 * 1024 * 1024;

    private static final AsciiString TEXT_PLAIN = AsciiString.cached(PeerContent.TEXT_PLAIN);
    private static final AsciiString APPLICATION_JSON = AsciiString.cached(PeerContent.APPLICATION_JSON);
    private static final byte[] PLAINTEXT = PeerContent.plaintext();

    private final EventLoopGroup group;
    private final Channel channel;
    private final NettyTransport.Choice transport;
    private final int threads;
    private final PeerProtocol protocol;
    /** What runs on each connection beyond the transport, for the banner: "" for HTTP/1.1. */
    private final String codec;

    private NettyPeer(EventLoopGroup group, Channel channel, NettyTransport.Choice transport, int threads,
            PeerProtocol protocol, String codec) {
        this.group = group;
        this.channel = channel;
        this.transport = transport;
        this.threads = threads;
        this.protocol = protocol;
        this.codec = codec;
    }

    /**
     * Binds {@code host:port} (0 for any free port) and serves {@code dir} on {@code threads} event
     * loops of {@code asked}, or of the transport it falls back to when {@code asked} cannot run here.
     */
    static NettyPeer start(String host, int port, Path dir, int threads, NettyTransport asked) throws IOException {
        return bind(host, port, threads, asked, PeerProtocol.HTTP1, "", ch -> ch.pipeline()
                .addLast(new HttpServerCodec())
                .addLast(new HttpObjectAggregator(MAX_CONTENT))
                .addLast(new Handler(dir)));
    }

    /**
     * As {@link #start}, speaking HTTP/2 with {@link NettyHttp2Handler}: {@link PeerProtocol#H2C}
     * with prior knowledge, or {@link PeerProtocol#H2} over TLS offering only h2 by ALPN: on OpenSSL
     * through netty-tcnative as Netty recommends for speed, or on the JDK's SSLEngine when
     * {@code jdkTls} (for comparing TLS stacks like for like).
     */
    static NettyPeer startHttp2(String host, int port, int threads, NettyTransport asked, PeerProtocol protocol,
            boolean jdkTls) throws IOException {
        if (protocol == PeerProtocol.H2C) {
            return bind(host, port, threads, asked, protocol, ", Http2ConnectionHandler",
                    ch -> ch.pipeline().addLast(NettyHttp2Handler.create()));
        }
        SslProvider provider = !jdkTls && SslProvider.isAlpnSupported(SslProvider.OPENSSL) ? SslProvider.OPENSSL : SslProvider.JDK;
        SslContext tls = serverTls(provider);
        String engine = provider == SslProvider.OPENSSL ? "OpenSSL " + OpenSsl.versionString() + " (netty-tcnative)"
                : jdkTls ? "the JDK's SSLEngine"
                : "the JDK's SSLEngine (netty-tcnative unavailable: " + OpenSsl.unavailabilityCause() + ")";
        return bind(host, port, threads, asked, protocol, ", Http2ConnectionHandler, TLS by " + engine,
                ch -> ch.pipeline().addLast(tls.newHandler(ch.alloc())).addLast(NettyHttp2Handler.create()));
    }

    /**
     * TLS as Netty's HTTP/2 examples set it up: the cipher suites RFC 9113 §9.2.2 allows
     * ({@link Http2SecurityUtil#CIPHERS}) and ALPN offering h2, with no fallback to HTTP/1.1.
     */
    private static SslContext serverTls(SslProvider provider) throws IOException {
        CertifiedKey key = PeerCertificate.make();
        return SslContextBuilder.forServer(key.privateKey(), key.chain().toArray(X509Certificate[]::new))
                .sslProvider(provider)
                .ciphers(Http2SecurityUtil.CIPHERS, SupportedCipherSuiteFilter.INSTANCE)
                .applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                        ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                        ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT,
                        ApplicationProtocolNames.HTTP_2))
                .build();
    }

    private static NettyPeer bind(String host, int port, int threads, NettyTransport asked, PeerProtocol protocol,
            String codec, Consumer<SocketChannel> pipeline) throws IOException {
        NettyTransport.Choice transport = NettyTransport.choose(asked);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(threads, transport.transport().ioHandlerFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(transport.transport().serverChannel())
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            pipeline.accept(ch);
                        }
                    })
                    .bind(host, port)
                    .sync()
                    .channel();
            return new NettyPeer(group, channel, transport, threads, protocol, codec);
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
    public PeerProtocol protocol() {
        return protocol;
    }

    @Override
    public String describe() {
        return "Netty " + version() + ", " + transport.describe() + ", " + threads
                + (threads == 1 ? " event loop" : " event loops") + codec;
    }

    /** The transport that runs, which is not the one asked for when that one is unavailable here. */
    NettyTransport transport() {
        return transport.transport();
    }

    private static String version() {
        Version common = Version.identify().get("netty-common");
        return common == null ? "4.2" : common.artifactVersion();
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
                full(ctx, request, HttpResponseStatus.BAD_REQUEST, null, Unpooled.EMPTY_BUFFER);
                return;
            }
            String uri = request.uri();
            int query = uri.indexOf('?');
            String path = query < 0 ? uri : uri.substring(0, query);
            HttpMethod method = request.method();
            if (path.equals(PeerContent.PLAINTEXT_PATH) && method.equals(HttpMethod.GET)) {
                full(ctx, request, HttpResponseStatus.OK, TEXT_PLAIN, Unpooled.wrappedBuffer(PLAINTEXT));
            } else if (path.equals(PeerContent.JSON_PATH) && method.equals(HttpMethod.GET)) {
                full(ctx, request, HttpResponseStatus.OK, APPLICATION_JSON, Unpooled.wrappedBuffer(PeerContent.json()));
            } else if (path.equals(PeerContent.ECHO_PATH) && method.equals(HttpMethod.POST)) {
                String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
                full(ctx, request, HttpResponseStatus.OK, type, request.content().retainedDuplicate());
            } else if (path.startsWith(PeerContent.FILES_PREFIX) && method.equals(HttpMethod.GET)) {
                file(ctx, request, path.substring(PeerContent.FILES_PREFIX.length()));
            } else {
                full(ctx, request, HttpResponseStatus.NOT_FOUND, null, Unpooled.EMPTY_BUFFER);
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
        private static void full(ChannelHandlerContext ctx, FullHttpRequest request, HttpResponseStatus status,
                CharSequence type, ByteBuf body) {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, body);
            HttpHeaders headers = response.headers();
            if (type != null) {
                headers.set(HttpHeaderNames.CONTENT_TYPE, type);
            }
            headers.set(HttpHeaderNames.DATE, PeerContent.date());
            headers.setInt(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
            if (connection(response, request)) {
                ctx.write(response, ctx.voidPromise());
            } else {
                ctx.write(response).addListener(ChannelFutureListener.CLOSE);
            }
        }

        /** The file as a {@link DefaultFileRegion}: the kernel copies it to the socket. */
        private void file(ChannelHandlerContext ctx, FullHttpRequest request, String name) throws IOException {
            Path file = PeerContent.file(dir, name);
            if (file == null) {
                full(ctx, request, HttpResponseStatus.NOT_FOUND, null, Unpooled.EMPTY_BUFFER);
                return;
            }
            RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r");
            long length = raf.length();
            HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK);
            response.headers()
                    .set(HttpHeaderNames.CONTENT_TYPE, PeerContent.mediaType(name))
                    .set(HttpHeaderNames.DATE, PeerContent.date())
                    .set(HttpHeaderNames.CONTENT_LENGTH, length);
            boolean keepAlive = connection(response, request);
            ctx.write(response);
            // The region owns the file from here and closes it when released after the transfer.
            ctx.write(new DefaultFileRegion(raf.getChannel(), 0, length));
            var last = ctx.write(LastHttpContent.EMPTY_LAST_CONTENT);
            if (!keepAlive) {
                last.addListener(ChannelFutureListener.CLOSE);
            }
        }

        /**
         * Sets the Connection header as Netty's HTTP examples do and says whether the connection
         * stays open (RFC 9112 §9.3). An HTTP/1.0 client that asked for keep-alive must read
         * "keep-alive" back, or it closes after the answer (RFC 9112 §C.2.2); a request that could
         * not be parsed closes the connection, since where the next one starts is unknown.
         */
        private static boolean connection(HttpResponse response, HttpRequest request) {
            boolean keepAlive = request.decoderResult().isSuccess() && HttpUtil.isKeepAlive(request);
            if (!keepAlive) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            } else if (!request.protocolVersion().isKeepAliveDefault()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.KEEP_ALIVE);
            }
            return keepAlive;
        }
    }
}
