package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;

/**
 * Finds where a run of bytes of one {@link ByteClass} ends: the one primitive the request parser
 * scans with. A field value ends at the first byte that is not field-vchar, SP or HTAB (CR, LF or
 * an invalid control), a name at the first non-tchar (the colon or an invalid byte), and so on;
 * the parser then looks at that one byte to decide.
 *
 * <p>Two implementations give identical answers: {@link ScalarScanner} and {@link VectorScanner}.
 * Neither keeps the buffer nor changes its indices. Not thread-safe: one per parser.
 */
public sealed interface ByteScanner permits ScalarScanner, VectorScanner, SwarScanner, VectorScanner128 {

    /**
     * The index of the first byte in {@code [from, to)} of {@code buf} that is not in {@code cls},
     * or {@code to} if all are.
     *
     * @param buf borrowed; read between {@code from} and {@code to} only in effect
     */
    int skip(ByteBuf buf, int from, int to, ByteClass cls);

    /** Whether this scanner uses vector lanes. */
    boolean vectorized();
}
