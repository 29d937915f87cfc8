package io.zyphos.http2.hpack;

/**
 * Chooses how {@link HpackEncoder} sends a field that is not in the static table as it is: stored
 * in the dynamic table for the next blocks, sent once, or marked never to be stored anywhere.
 */
@FunctionalInterface
public interface IndexingPolicy {

    /**
     * Stores every field, as the examples of RFC 7541 Appendix C do: with it, {@link HpackEncoder}
     * writes those examples' bytes exactly.
     */
    IndexingPolicy ALWAYS = (name, value) -> HpackIndexing.INCREMENTAL;

    /**
     * The advice of RFC 7541 §7.1: credentials and short cookies are never indexed, since an
     * attacker who can add fields to the same connection could otherwise guess them by watching
     * the compressed length (§7.1.3); fields that change with every message ({@code :path},
     * {@code content-length}, validators, dates of the resource) are sent without indexing, so
     * that they do not evict the fields that do repeat; everything else is stored.
     */
    IndexingPolicy DEFAULT = new SensitiveFieldsPolicy();

    /** How to send the field {@code name: value}; it is not an entry of the static table. */
    HpackIndexing indexing(String name, String value);
}
