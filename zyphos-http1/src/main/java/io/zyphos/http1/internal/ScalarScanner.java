package io.zyphos.http1.internal;

import io.netty.buffer.ByteBuf;

/** One byte at a time through the class's 256-entry table. The reference the vector path must match. */
public final class ScalarScanner implements ByteScanner {

    /** Stateless, so shared. */
    public static final ScalarScanner INSTANCE = new ScalarScanner();

    private ScalarScanner() {}

    @Override
    public int skip(ByteBuf buf, int from, int to, ByteClass cls) {
        if (from >= to) {
            return to;
        }
        int at = buf.forEachByte(from, to - from, cls.whileInClass());
        return at < 0 ? to : at;
    }

    @Override
    public boolean vectorized() {
        return false;
    }
}
