package io.zyphos.http1.server;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.echo.EchoProtocol;
import io.zyphos.http.HeaderName;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.Router;
import io.zyphos.http.Status;
import io.zyphos.http1.Http1Protocol;
import io.zyphos.server.Server;
import io.zyphos.server.Transport;
import io.zyphos.testing.LoopbackClient;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Switching protocols on a live connection (RFC 9110 §7.8, §15.2.2): a client asks with
 * {@code Upgrade} and the {@code upgrade} connection option, a handler answers
 * {@code 101 (Switching Protocols)} with the protocol to speak next, and from the byte after the
 * request the connection is that protocol's (echo, here), including bytes the client sent in the
 * same packet as its request. The server reads nothing after an upgrade request as HTTP/1 until the
 * answer says whether it switched; a handler that declines answers as usual and the connection
 * goes on as HTTP/1.1. A 101 the request did not ask for is refused with a 500.
 */
class ProtocolSwitchTest {

    private Server server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private void start(Transport transport) throws IOException {
        EchoProtocol echo = new EchoProtocol();
        HttpHandler upgrade = request -> request.headers().containsToken(HeaderName.UPGRADE, "echo")
                ? HttpResponse.switchingProtocols("echo", echo)
                : HttpResponse.text(Status.OK, "staying on HTTP/1.1");
        Router router = Router.builder()
                .get("/upgrade", upgrade)
                .get("/upgrade-now", HttpHandler.nonBlocking(upgrade::handle))
                .get("/uninvited", HttpHandler.nonBlocking(request -> HttpResponse.switchingProtocols("echo", echo)))
                .get("/plain", HttpHandler.nonBlocking(request -> HttpResponse.text(Status.OK, "plain")))
                .build();
        server = Server.builder().transport(transport).port(0).threads(1)
                .protocol(Http1Protocol.builder(router).build()).start();
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void afterThe101TheConnectionSpeaksTheNextProtocolFromTheByteAfterTheRequest(Transport transport) throws IOException {
        start(transport);
        for (String path : new String[] {"/upgrade", "/upgrade-now"}) {
            try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
                // The first echo bytes ride in the same write as the request.
                client.send("GET " + path + " HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\nping ");
                InputStream in = new BufferedInputStream(client.socket().getInputStream());
                WireResponse switched = WireResponse.read(in, false);
                assertEquals(101, switched.status(), path);
                assertEquals("echo", switched.field("upgrade"));
                assertEquals("upgrade", switched.field("connection"));
                assertEquals("ping ", new String(in.readNBytes(5), StandardCharsets.US_ASCII), path);
                client.send("GET / HTTP/1.1\r\n\r\n");
                assertEquals("GET / HTTP/1.1\r\n\r\n", new String(in.readNBytes(18), StandardCharsets.US_ASCII),
                        "an HTTP request after the switch is just bytes to echo");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aHandlerThatDeclinesAnswersAsUsualAndPipelinedRequestsFollow(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /upgrade HTTP/1.1\r\nHost: a\r\nConnection: Upgrade\r\nUpgrade: something-else\r\n\r\n"
                    + "GET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            assertEquals("staying on HTTP/1.1", WireResponse.read(in, false).bodyText());
            assertEquals("plain", WireResponse.read(in, false).bodyText());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void a101TheRequestDidNotAskForIsRefusedWithA500(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /uninvited HTTP/1.1\r\nHost: a\r\n\r\nGET /plain HTTP/1.1\r\nHost: a\r\n\r\n");
            InputStream in = new BufferedInputStream(client.socket().getInputStream());
            assertEquals(500, WireResponse.read(in, false).status());
            assertEquals("plain", WireResponse.read(in, false).bodyText());
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void anHttp10RequestsUpgradeIsIgnored(Transport transport) throws IOException {
        start(transport);
        try (LoopbackClient client = LoopbackClient.connect(server.localAddress())) {
            client.send("GET /upgrade-now HTTP/1.0\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n");
            String all = new String(client.readToEnd(), StandardCharsets.ISO_8859_1);
            assertEquals(0, all.indexOf("HTTP/1.1 500 "), all);
        }
    }
}
