package io.zyphos.bench.tls;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.tls.SelfSignedCertificate;
import io.zyphos.tls.TlsConfig;
import io.zyphos.tls.TlsEngine;
import io.zyphos.tls.TlsProvider;
import io.zyphos.tls.TlsSessionInfo;
import java.nio.ByteBuffer;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * TLS in memory, against roadmap milestone 22's exit criterion of 1000 full handshakes per second
 * on one core: Zyphos's {@link TlsEngine} as the server, on each provider, and a JDK
 * {@code SSLEngine} as the client, with an ECDSA P-256 certificate the client verifies.
 *
 * <ul>
 *   <li>{@code fullHandshake}: a new client with no session to offer, so every handshake is full:
 *       key exchange (X25519), the certificate, its signature and the client's check of both.</li>
 *   <li>{@code resumedHandshake}: a client that offers the session of its previous handshake; the
 *       {@code resumed} and {@code full} counters say what the server made of it (BCJSSE does not
 *       resume TLS 1.3, see {@link TlsProvider}).</li>
 *   <li>{@code serverFirstFlight}: the server's side alone: a recorded ClientHello is fed to a new
 *       engine, which answers with its whole first flight (in TLS 1.3 ServerHello to Finished: key
 *       exchange, certificate, signature). Nearly all of a server's work in a full handshake is
 *       here; what is left (checking the client's Finished) is a hash and a MAC. The roadmap's
 *       "1000 handshakes per second on one core" is about this side.</li>
 *   <li>{@code rawServerFirstFlight}: the same on a bare {@code SSLEngine} of the same provider
 *       with the provider's own key manager, no {@code TlsEngine} around it: the control that
 *       shows what the engine adds.</li>
 *   <li>{@code bulk}: on an established TLS 1.3 connection, 16 KiB each way: the client
 *       encrypts and the server decrypts, the server encrypts and the client decrypts. MB/s
 *       through the server engine = 2 × 16,384 B × ops/s.</li>
 * </ul>
 * Both ends run on the benchmark thread, so a handshake's time is the client's work plus the
 * server's: the server alone does somewhat more than half of it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--sun-misc-unsafe-memory-access=allow")
public class TlsHandshakeBenchmark {

    private static final String HOST = "zyphos.bench";
    private static final int RECORD = TlsEngine.MAX_RECORD_PLAINTEXT;

    /** What each handshake turned out to be. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Outcomes {
        public long full;
        public long resumed;

        @Setup(Level.Iteration)
        public void reset() {
            full = 0;
            resumed = 0;
        }

        void count(TlsSessionInfo session) {
            if (session.resumed()) {
                resumed++;
            } else {
                full++;
            }
        }
    }

    /** A server configuration and a client that trusts it, for one provider and version. */
    @State(Scope.Thread)
    public static class Handshakes {
        @Param({"BOUNCY_CASTLE", "JDK"})
        public String provider;
        @Param({"TLSv1.3", "TLSv1.2"})
        public String version;

        TlsConfig config;
        SSLContext client;
        SSLParameters clientParameters;
        MemoryLink link;
        ByteBuf clientHello;
        SSLContext rawServer;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Peers peers = Peers.of(provider);
            config = peers.server();
            client = peers.client();
            rawServer = peers.rawServer();
            clientParameters = new SSLParameters();
            clientParameters.setProtocols(new String[] {version});
            link = new MemoryLink();
            clientHello = MemoryLink.clientHello(newClient(false));
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            link.close();
            clientHello.release();
        }

        SSLEngine newClient(boolean resumable) {
            SSLEngine c = resumable ? client.createSSLEngine(HOST, 443) : client.createSSLEngine();
            c.setUseClientMode(true);
            c.setSSLParameters(clientParameters);
            return c;
        }

        /** One handshake; {@code resumable}: the client offers its last session for this host. */
        TlsSessionInfo run(boolean resumable) throws Exception {
            try (TlsEngine server = config.newEngine(0)) {
                link.handshake(server, newClient(resumable));
                return server.session();
            }
        }
    }

    /** An established TLS 1.3 connection for the bulk benchmark. */
    @State(Scope.Thread)
    public static class Established {
        @Param({"BOUNCY_CASTLE", "JDK"})
        public String provider;
        /** ChaCha20-Poly1305 is not here: BCJSSE on the JDK's primitives cannot use it (see TlsProvider). */
        @Param({"TLS_AES_128_GCM_SHA256"})
        public String suite;

        TlsEngine server;
        SSLEngine client;
        MemoryLink link;
        ByteBuffer request;
        ByteBuf reply;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            Peers peers = Peers.of(provider);
            TlsConfig config = peers.server();
            client = peers.client().createSSLEngine();
            client.setUseClientMode(true);
            SSLParameters p = new SSLParameters();
            p.setProtocols(new String[] {"TLSv1.3"});
            p.setCipherSuites(new String[] {suite});
            client.setSSLParameters(p);
            server = config.newEngine(0);
            link = new MemoryLink();
            link.handshake(server, client);
            if (!server.session().cipherSuite().equals(suite)) {
                throw new IllegalStateException("negotiated " + server.session().cipherSuite());
            }
            byte[] bytes = new byte[RECORD];
            java.util.Arrays.fill(bytes, (byte) 'z');
            request = ByteBuffer.wrap(bytes);
            reply = Buffers.allocator().directBuffer(RECORD).writeBytes(bytes);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            reply.release();
            server.close();
            link.close();
        }
    }

    @Benchmark
    public TlsSessionInfo fullHandshake(Handshakes h, Outcomes outcomes) throws Exception {
        TlsSessionInfo session = h.run(false);
        outcomes.count(session);
        return session;
    }

    @Benchmark
    public TlsSessionInfo resumedHandshake(Handshakes h, Outcomes outcomes) throws Exception {
        TlsSessionInfo session = h.run(true);
        outcomes.count(session);
        return session;
    }

    @Benchmark
    public int serverFirstFlight(Handshakes h) throws Exception {
        int sent = 0;
        try (TlsEngine server = h.config.newEngine(0)) {
            ByteBuf in = h.clientHello.retainedDuplicate();
            try {
                server.feed(in).release();
            } finally {
                in.release();
            }
            for (ByteBuf b; (b = server.pollOutbound()) != null; ) {
                sent += b.readableBytes();
                b.release();
            }
        }
        if (sent == 0) {
            throw new IllegalStateException("the server sent nothing");
        }
        return sent;
    }

    @Benchmark
    public int rawServerFirstFlight(Handshakes h) throws Exception {
        SSLEngine server = h.rawServer.createSSLEngine();
        server.setUseClientMode(false);
        return MemoryLink.rawFirstFlight(server, h.clientHello.nioBuffer());
    }

    @Benchmark
    public int bulk(Established e) throws Exception {
        e.request.clear();
        int got = e.link.exchange(e.server, e.client, e.request, e.reply.retainedDuplicate());
        if (got != RECORD) {
            throw new IllegalStateException("the client decrypted " + got + " bytes");
        }
        return got;
    }

    /** A server with a fresh ECDSA P-256 certificate for {@value #HOST}, and a SunJSSE client context trusting it alone. */
    private record Peers(TlsConfig server, SSLContext client, SSLContext rawServer) {
        static Peers of(String provider) throws Exception {
            SelfSignedCertificate certificate = SelfSignedCertificate.generate(List.of(HOST));
            TlsConfig server = TlsConfig.builder().provider(TlsProvider.valueOf(provider)).certificate(certificate.certifiedKey()).build();

            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("server", certificate.certifiedKey().privateKey(), new char[0],
                    new java.security.cert.X509Certificate[] {certificate.certificate()});
            java.security.Provider jsse = provider.equals("JDK")
                    ? java.security.Security.getProvider("SunJSSE")
                    : new org.bouncycastle.jsse.provider.BouncyCastleJsseProvider();
            KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX", jsse);
            kmf.init(keys, new char[0]);
            SSLContext rawServer = SSLContext.getInstance("TLS", jsse);
            rawServer.init(kmf.getKeyManagers(), null, new java.security.SecureRandom());

            KeyStore trust = KeyStore.getInstance("PKCS12");
            trust.load(null, null);
            trust.setCertificateEntry("server", certificate.certificate());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
            tmf.init(trust);
            SSLContext client = SSLContext.getInstance("TLS", "SunJSSE");
            client.init(null, tmf.getTrustManagers(), null);
            return new Peers(server, client, rawServer);
        }
    }
}
