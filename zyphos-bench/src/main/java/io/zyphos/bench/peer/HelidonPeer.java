package io.zyphos.bench.peer;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Helidon 4 peer: Helidon SE's WebServer, which runs every request on a virtual thread and
 * writes with plain blocking calls, with the cached header values Helidon's own TechEmpower entry
 * uses. Files are streamed from disk by a handler, as Helidon's static content support does.
 */
public final class HelidonPeer implements PeerServer {

    private static final Header TEXT_PLAIN = HeaderValues.createCached(HeaderNames.CONTENT_TYPE, PeerContent.TEXT_PLAIN);
    private static final Header APPLICATION_JSON =
            HeaderValues.createCached(HeaderNames.CONTENT_TYPE, PeerContent.APPLICATION_JSON);
    private static final byte[] PLAINTEXT = PeerContent.plaintext();

    private final WebServer server;
    private final String host;

    private HelidonPeer(WebServer server, String host) {
        this.server = server;
        this.host = host;
    }

    /** Binds {@code host:port} (0 for any free port) and serves {@code dir}. */
    public static HelidonPeer start(String host, int port, Path dir) {
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .backlog(1024)
                .shutdownHook(false)
                // Helidon leaves Nagle on by default; the other servers here all turn it off, and
                // with it on, pipelined answers wait out the client's delayed ACK.
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .routing(routing -> routes(routing, dir))
                .build()
                .start();
        return new HelidonPeer(server, host);
    }

    private static void routes(HttpRouting.Builder routing, Path dir) {
        routing.get(PeerContent.PLAINTEXT_PATH, (req, res) -> res.header(TEXT_PLAIN).send(PLAINTEXT))
                .get(PeerContent.JSON_PATH, (req, res) -> res.header(APPLICATION_JSON).send(PeerContent.json()))
                .post(PeerContent.ECHO_PATH, HelidonPeer::echo)
                .get(PeerContent.FILES_PREFIX + "{name}", (req, res) -> file(req, res, dir));
    }

    @Override
    public String name() {
        return "helidon";
    }

    @Override
    public InetSocketAddress address() {
        return new InetSocketAddress(host, server.port());
    }

    @Override
    public String describe() {
        return "Helidon SE 4 WebServer, a virtual thread per connection";
    }

    @Override
    public void close() {
        server.stop();
    }

    private static void echo(ServerRequest req, ServerResponse res) throws IOException {
        req.headers().first(HeaderNames.CONTENT_TYPE).ifPresent(type -> res.header(HeaderNames.CONTENT_TYPE, type));
        byte[] body;
        try (InputStream in = req.content().inputStream()) {
            body = in.readAllBytes();
        }
        res.send(body);
    }

    private static void file(ServerRequest req, ServerResponse res, Path dir) throws IOException {
        String name = req.path().pathParameters().get("name");
        Path file = PeerContent.file(dir, name);
        if (file == null) {
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        res.header(HeaderNames.CONTENT_TYPE, PeerContent.mediaType(name));
        res.contentLength(Files.size(file));
        try (OutputStream out = res.outputStream()) {
            Files.copy(file, out);
        }
    }
}
