package io.zyphos.http2.hpack;

/**
 * Where {@link HpackDecoder} delivers the fields of a header block, in the order they were sent.
 *
 * <p>Names and values are Strings of octets: each char is one octet of the field (ISO-8859-1),
 * which is all HPACK carries (RFC 7541 §5.2). Fields from the static table, and fields the
 * dynamic table holds, arrive as the same String instances every time, so a sink may compare
 * them with {@code ==} as a fast path and keep them without copying.
 *
 * <p>A sink must not throw: the decoder has to finish the block to keep its dynamic table in step
 * with the peer's (RFC 7541 §2.2). A sink that finds a field it refuses records that and answers
 * once the block is decoded, as {@link HeaderFieldValidator} does.
 */
@FunctionalInterface
public interface HeaderFieldSink {

    /**
     * One field of the block.
     *
     * @param name the field name; pseudo-header names start with {@code ':'}
     * @param value the field value
     * @param neverIndexed the peer sent it as a never-indexed literal (RFC 7541 §6.2.3): it is
     *     sensitive, and anyone re-encoding it (a proxy) must send it never-indexed too
     */
    void onField(String name, String value, boolean neverIndexed);
}
