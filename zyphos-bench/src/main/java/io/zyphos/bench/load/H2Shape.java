package io.zyphos.bench.load;

import io.zyphos.bench.UsageException;
import java.util.Arrays;

/**
 * How h2load loads a server in the HTTP/2 rows: how many connections, how many streams each keeps
 * open at once (RFC 9113 §5.1.2), and whether in clear text with prior knowledge (h2c, RFC 9113
 * §3.3) or over TLS with h2 chosen by ALPN (RFC 9113 §3.2). One connection with 100 streams
 * measures multiplexing on one connection; sixteen measure it spread over the server's loop.
 */
enum H2Shape {
    H2C_1X100("h2c-1x100", false, 1, 100),
    H2C_16X100("h2c-16x100", false, 16, 100),
    H2_1X100("h2-1x100", true, 1, 100),
    H2_16X100("h2-16x100", true, 16, 100);

    static final String NAMES = String.join(",", Arrays.stream(values()).map(H2Shape::label).toList());

    private final String label;
    private final boolean tls;
    private final int connections;
    private final int streams;

    H2Shape(String label, boolean tls, int connections, int streams) {
        this.label = label;
        this.tls = tls;
        this.connections = connections;
        this.streams = streams;
    }

    String label() {
        return label;
    }

    boolean tls() {
        return tls;
    }

    int connections() {
        return connections;
    }

    int streams() {
        return streams;
    }

    /** The ALPN identifier (RFC 9113 §3.1) h2load must report, or the run measured something else. */
    String protocol() {
        return tls ? "h2" : "h2c";
    }

    /** "16 connections × 100 streams, h2 over TLS". */
    String describe() {
        return connections + (connections == 1 ? " connection" : " connections") + " × " + streams + " streams, "
                + (tls ? "h2 over TLS (ALPN)" : "h2c (prior knowledge)");
    }

    static H2Shape parse(String name) {
        for (H2Shape s : values()) {
            if (s.label.equals(name)) {
                return s;
            }
        }
        throw new UsageException("unknown HTTP/2 shape \"" + name + "\" (choose from " + NAMES + ")");
    }
}
