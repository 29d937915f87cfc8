package io.zyphos.http2.hpack;

/** How a literal field is sent (RFC 7541 §6.2), and so whether the decoder stores it. */
public enum HpackIndexing {
    /** Literal with incremental indexing (§6.2.1): both sides add it to their dynamic tables. */
    INCREMENTAL,
    /** Literal without indexing (§6.2.2): sent once, stored nowhere; an intermediary may index it. */
    WITHOUT_INDEXING,
    /**
     * Never-indexed literal (§6.2.3): stored nowhere, and every intermediary must send it the same
     * way. For values an attacker must not be able to guess by probing the compression (§7.1).
     */
    NEVER_INDEXED
}
