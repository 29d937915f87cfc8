package io.zyphos.tls;
import javax.net.ssl.*;
import org.junit.jupiter.api.Test;
class DebugTest {
    @Test void t() throws Exception {
        for (String v : new String[] {"TLSv1.2", "TLSv1.3"}) {
        TlsConfig config = HandshakeTest.config(TlsProvider.JDK).build();
        SSLContext client = HandshakeTest.trustingClient();
        for (int i = 0; i < 2; i++) {
            try (EnginePair pair = EnginePair.of(config, client, HandshakeTest.clientOffering(v)).handshake()) {
                pair.clientSends("hello");
                pair.serverSends("hello");
                System.out.println(v + " server " + pair.server.session() + " clientSession created " + pair.client.getSession().getCreationTime() + " id " + java.util.HexFormat.of().formatHex(pair.client.getSession().getId()));
            }
        }
        }
    }
}
