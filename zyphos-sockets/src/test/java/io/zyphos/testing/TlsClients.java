package io.zyphos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link LoopbackClient} over TLS: the JDK's own {@link SSLSocket} (SunJSSE), a client with no
 * Zyphos code on its side, trusting only the certificates it is given. On it, {@code close()} and
 * {@code shutdownOutput()} send close_notify, and {@code readToEnd()} fails on a server that closed
 * without one (SunJSSE reports the truncation).
 */
public final class TlsClients {

    private TlsClients() {}

    /** A SunJSSE client context that trusts {@code trusted} and nothing else. */
    public static SSLContext trusting(X509Certificate... trusted) {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < trusted.length; i++) {
                store.setCertificateEntry("trusted-" + i, trusted[i]);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(store);
            SSLContext context = SSLContext.getInstance("TLS", "SunJSSE");
            context.init(null, tmf.getTrustManagers(), null);
            return context;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Connects and completes the handshake.
     *
     * @param sniHostName the name to send and verify the certificate against, or {@code null} to
     *     send none (the certificate is then checked against 127.0.0.1)
     * @param version {@code "TLSv1.3"} or {@code "TLSv1.2"}
     * @param alpn protocols to offer, most preferred first; none for no ALPN extension
     */
    public static LoopbackClient connect(InetSocketAddress address, SSLContext context, String sniHostName,
                                         String version, String... alpn) {
        try {
            Socket plain = new Socket(address.getAddress(), address.getPort());
            String host = sniHostName != null ? sniHostName : address.getAddress().getHostAddress();
            SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, host, address.getPort(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setProtocols(new String[] {version});
            parameters.setServerNames(sniHostName == null ? List.of() : List.of(new SNIHostName(sniHostName)));
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            parameters.setApplicationProtocols(alpn);
            socket.setSSLParameters(parameters);
            LoopbackClient client = LoopbackClient.over(socket);
            socket.startHandshake();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
