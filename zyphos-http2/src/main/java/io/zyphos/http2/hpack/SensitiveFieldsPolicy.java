package io.zyphos.http2.hpack;

/** {@link IndexingPolicy#DEFAULT}: RFC 7541 §7.1's advice, field by field. */
final class SensitiveFieldsPolicy implements IndexingPolicy {

    /**
     * A cookie shorter than this is never indexed: short values are the ones a guessing attack
     * can recover with few tries (RFC 7541 §7.1.3); long ones compress well and resist guessing.
     */
    static final int SHORT_COOKIE = 20;

    @Override
    public HpackIndexing indexing(String name, String value) {
        return switch (name) {
            case "authorization", "proxy-authorization", "set-cookie" -> HpackIndexing.NEVER_INDEXED;
            case "cookie" -> value.length() < SHORT_COOKIE ? HpackIndexing.NEVER_INDEXED : HpackIndexing.INCREMENTAL;
            case ":path", "content-length", "etag", "if-none-match", "if-modified-since", "last-modified",
                    "location", "age", "range", "content-range" -> HpackIndexing.WITHOUT_INDEXING;
            default -> HpackIndexing.INCREMENTAL;
        };
    }
}
