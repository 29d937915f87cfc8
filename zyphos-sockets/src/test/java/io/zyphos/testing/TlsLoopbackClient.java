package io.zyphos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * {@link LoopbackClient} over TLS: the JDK's own {@link SSLSocket} (SunJSSE), a client with no
 * Zyphos code on its side, trusting only the certificates it is given. Every read has a timeout,
 * so a server that falls silent fails the test instead of hanging it.
 */
public final class TlsLoopbackClient implements AutoCloseable {

    private final SSLSocket socket;
    private final InputStream in;
    private final OutputStream out;

    private TlsLoopbackClient(SSLSocket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(LoopbackClient.READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

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
    public static TlsLoopbackClient connect(InetSocketAddress address, SSLContext context, String sniHostName,
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
            TlsLoopbackClient client = new TlsLoopbackClient(socket);
            socket.startHandshake();
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public SSLSocket socket() {
        return socket;
    }

    public TlsLoopbackClient send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public TlsLoopbackClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads exactly {@code n} bytes of plaintext, failing if the server closes first or falls silent. */
    public byte[] readExactly(int n) {
        byte[] buf = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(buf, off, n - off);
                if (r < 0) {
                    throw new AssertionError("server closed after " + off + " of " + n + " bytes: "
                            + new String(Arrays.copyOf(buf, off), StandardCharsets.ISO_8859_1));
                }
                off += r;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server sent " + off + " of " + n + " bytes, then nothing for "
                    + LoopbackClient.READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf;
    }

    public String readAscii(int n) {
        return new String(readExactly(n), StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads plaintext until the server's close_notify, answering what came before it. A server
     * that closed its socket without close_notify fails this: SunJSSE reports the truncation.
     */
    public String readToCloseNotify() {
        try {
            return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server sent no close_notify within " + LoopbackClient.READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends close_notify and keeps reading (a TLS 1.3 half-close, RFC 8446 §6.1). */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends close_notify and closes. */
    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
