package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.server.Protocol;
import java.util.List;

/**
 * Chooses a connection's protocol: by the ALPN id its TLS handshake agreed on, when there is one
 * that a protocol claims; otherwise from its first bytes (of plaintext, under TLS): each protocol,
 * in the order configured, is asked to detect itself, and the first to match wins. A protocol that answers NEED_MORE holds
 * the choice open, even if a later one would match now, so that order is a real precedence.
 */
public final class ProtocolChooser {

    /** The choice could not be made yet. */
    public static final Protocol NEED_MORE = null;

    private final List<Protocol> protocols;
    private final int maxDetectBytes;

    public ProtocolChooser(List<Protocol> protocols, int maxDetectBytes) {
        this.protocols = protocols;
        this.maxDetectBytes = maxDetectBytes;
    }

    /** A single protocol needs no detection: it is chosen before any byte arrives. */
    public Protocol only() {
        return protocols.size() == 1 ? protocols.getFirst() : null;
    }

    /**
     * The first protocol configured that speaks the ALPN id the TLS handshake agreed on, or
     * {@code null} when there was none or no protocol claims it (sniffing decides then).
     */
    public Protocol byApplicationProtocol(String alpnId) {
        if (alpnId == null) {
            return null;
        }
        for (Protocol p : protocols) {
            if (p.applicationProtocols().contains(alpnId)) {
                return p;
            }
        }
        return null;
    }

    /**
     * The protocol the bytes open, {@link #NEED_MORE}, or throws {@link UnknownProtocolException}
     * when none can match.
     *
     * @param prefix borrowed; read without moving its indexes
     */
    public Protocol choose(ByteBuf prefix) throws UnknownProtocolException {
        boolean anyNeedsMore = false;
        for (Protocol p : protocols) {
            switch (p.detect(prefix)) {
                case MATCH -> {
                    // An earlier protocol still undecided has precedence, until detection must end.
                    return anyNeedsMore && prefix.readableBytes() < maxDetectBytes ? NEED_MORE : p;
                }
                case NEED_MORE -> anyNeedsMore = true;
                case NO_MATCH -> {}
            }
        }
        if (!anyNeedsMore || prefix.readableBytes() >= maxDetectBytes) {
            throw new UnknownProtocolException();
        }
        return NEED_MORE;
    }

    /** No configured protocol recognises the connection's first bytes. */
    public static final class UnknownProtocolException extends Exception {
        public UnknownProtocolException() {
            super("no protocol recognises the first bytes", null, false, false);
        }
    }
}
