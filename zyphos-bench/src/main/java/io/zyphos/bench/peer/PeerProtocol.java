package io.zyphos.bench.peer;

import io.zyphos.bench.UsageException;
import java.util.Arrays;

/**
 * What a peer speaks on its port: HTTP/1.1, or HTTP/2 in clear text with prior knowledge (RFC 9113
 * §3.3), or HTTP/2 over TLS chosen by ALPN (RFC 9113 §3.2). The names are the ALPN identifiers
 * RFC 9113 §3.1 defines, {@code h2} for TLS and {@code h2c} for clear text.
 */
public enum PeerProtocol {
    HTTP1("http/1.1", "HTTP/1.1"),
    H2C("h2c", "HTTP/2 (h2c)"),
    H2("h2", "HTTP/2 (h2, TLS)");

    public static final String NAMES = String.join("|", Arrays.stream(values()).map(PeerProtocol::label).toList());

    private final String label;
    private final String banner;

    PeerProtocol(String label, String banner) {
        this.label = label;
        this.banner = banner;
    }

    /** The name {@code --protocol} takes. */
    public String label() {
        return label;
    }

    /** How the listening line names it: "HTTP/2 (h2c) server listening on ...". */
    String banner() {
        return banner;
    }

    public static PeerProtocol parse(String name) {
        for (PeerProtocol p : values()) {
            if (p.label.equals(name)) {
                return p;
            }
        }
        throw new UsageException("--protocol is " + NAMES + ", not " + name);
    }
}
