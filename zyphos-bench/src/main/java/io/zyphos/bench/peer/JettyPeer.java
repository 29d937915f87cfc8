package io.zyphos.bench.peer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.HTTP2Cipher;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ResourceHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.resource.ResourceFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The Jetty 12 peer on Jetty's core API, without servlets, as Jetty's documentation recommends for
 * the least overhead: a non-blocking {@link Handler.Abstract} (so it runs on the selector thread
 * that read the request), pre-encoded header fields, and {@link ResourceHandler} for the files.
 * Asked for HTTP/2, the same handlers serve it through the connection factories Jetty's
 * documentation sets up for it: {@link HTTP2CServerConnectionFactory} beside HTTP/1.1 in clear
 * text (prior knowledge or the h2c upgrade), and over TLS {@link ALPNServerConnectionFactory}
 * choosing {@link HTTP2ServerConnectionFactory} (h2) or HTTP/1.1, on the JDK's SSLEngine.
 */
public final class JettyPeer implements PeerServer {

    private static final HttpField TEXT_PLAIN = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, PeerContent.TEXT_PLAIN);
    private static final HttpField APPLICATION_JSON =
            new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, PeerContent.APPLICATION_JSON);
    private static final byte[] PLAINTEXT = PeerContent.plaintext();

    private final Server server;
    private final ServerConnector connector;
    private final PeerProtocol protocol;

    private JettyPeer(Server server, ServerConnector connector, PeerProtocol protocol) {
        this.server = server;
        this.connector = connector;
        this.protocol = protocol;
    }

    /**
     * Binds {@code host:port} (0 for any free port) and serves {@code dir}.
     *
     * @param selectors selector threads, or 0 for Jetty's own choice (half the cores)
     */
    public static JettyPeer start(String host, int port, Path dir, int selectors) throws IOException {
        return start(host, port, dir, selectors, PeerProtocol.HTTP1);
    }

    /** As {@link #start(String, int, Path, int)}, speaking {@code protocol}. */
    public static JettyPeer start(String host, int port, Path dir, int selectors, PeerProtocol protocol) throws IOException {
        Server server = new Server(new QueuedThreadPool());
        HttpConfiguration config = new HttpConfiguration();
        config.setSendServerVersion(false);
        config.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, selectors > 0 ? selectors : -1,
                connectionFactories(protocol, config));
        connector.setHost(host);
        connector.setPort(port);
        connector.setAcceptQueueSize(1024);
        server.addConnector(connector);

        ResourceHandler files = new ResourceHandler();
        files.setBaseResource(ResourceFactory.of(server).newResource(dir));
        files.setDirAllowed(false);
        files.setCacheControl("public, max-age=60");
        server.setHandler(new Handler.Sequence(new ContextHandler(files, "/files"), new Routes()));
        try {
            server.start();
        } catch (Exception e) {
            stop(server);
            throw new IOException("cannot start Jetty on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new JettyPeer(server, connector, protocol);
    }

    /** The factories for {@code protocol}, the first being what a new connection starts as. */
    private static ConnectionFactory[] connectionFactories(PeerProtocol protocol, HttpConfiguration config)
            throws IOException {
        HttpConnectionFactory http11 = new HttpConnectionFactory(config);
        return switch (protocol) {
            case HTTP1 -> new ConnectionFactory[] {http11};
            case H2C -> new ConnectionFactory[] {http11, new HTTP2CServerConnectionFactory(config)};
            case H2 -> {
                ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory();
                alpn.setDefaultProtocol(http11.getProtocol());
                SslContextFactory.Server tls = new SslContextFactory.Server();
                tls.setKeyStore(PeerCertificate.keyStore(PeerCertificate.make()));
                tls.setKeyStorePassword(PeerCertificate.KEY_STORE_PASSWORD);
                // RFC 9113 §9.2.2: the suites HTTP/2 allows first, as Jetty's HTTP/2 documentation asks.
                tls.setCipherComparator(HTTP2Cipher.COMPARATOR);
                yield new ConnectionFactory[] {new SslConnectionFactory(tls, alpn.getProtocol()), alpn,
                        new HTTP2ServerConnectionFactory(config), http11};
            }
        };
    }

    @Override
    public String name() {
        return "jetty";
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(connector.getHost(), connector.getLocalPort());
    }

    @Override
    public PeerProtocol protocol() {
        return protocol;
    }

    @Override
    public String describe() {
        int selectors = connector.getSelectorManager().getSelectorCount();
        return "Jetty " + Server.getVersion() + " core handler, " + selectors + (selectors == 1 ? " selector" : " selectors")
                + switch (protocol) {
                    case HTTP1 -> "";
                    case H2C -> ", HTTP2CServerConnectionFactory";
                    case H2 -> ", HTTP2ServerConnectionFactory, TLS by the JDK's SSLEngine";
                };
    }

    @Override
    public void close() {
        stop(server);
    }

    private static void stop(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop cleanly", e);
        }
    }

    /** /plaintext, /json and /echo; anything else is 404. Never blocks, so Jetty may run it on the selector. */
    private static final class Routes extends Handler.Abstract.NonBlocking {

        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            String path = Request.getPathInContext(request);
            String method = request.getMethod();
            if (path.equals(PeerContent.PLAINTEXT_PATH) && HttpMethod.GET.is(method)) {
                send(response, TEXT_PLAIN, PLAINTEXT, callback);
            } else if (path.equals(PeerContent.JSON_PATH) && HttpMethod.GET.is(method)) {
                send(response, APPLICATION_JSON, PeerContent.json(), callback);
            } else if (path.equals(PeerContent.ECHO_PATH) && HttpMethod.POST.is(method)) {
                echo(request, response, callback);
            } else {
                response.setStatus(HttpStatus.NOT_FOUND_404);
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0L);
                response.write(true, null, callback);
            }
            return true;
        }

        private static void send(Response response, HttpField type, byte[] body, Callback callback) {
            response.setStatus(HttpStatus.OK_200);
            response.getHeaders().put(type);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
            response.write(true, ByteBuffer.wrap(body), callback);
        }

        /** Streams the body back as it arrives, chunk by chunk, as fast as the client takes it. */
        private static void echo(Request request, Response response, Callback callback) {
            response.setStatus(HttpStatus.OK_200);
            String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
            if (type != null) {
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, type);
            }
            long length = request.getLength();
            if (length >= 0) {
                response.getHeaders().put(HttpHeader.CONTENT_LENGTH, length);
            }
            Content.copy(request, response, callback);
        }
    }
}
