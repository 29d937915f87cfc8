package io.zyphos.http1.internal;

import io.zyphos.http1.ScanMode;

/** Chooses a {@link ByteScanner} for a {@link ScanMode}. */
public final class ByteScanners {

    private ByteScanners() {}

    /**
     * A scanner for {@code mode}. {@link ScanMode#AUTO} and {@link ScanMode#VECTOR} fall back to
     * the scalar path when {@code jdk.incubator.vector} is not in the module graph (the JVM was
     * started without {@code --add-modules jdk.incubator.vector}) or the CPU has no vectors.
     */
    public static ByteScanner create(ScanMode mode) {
        if (mode == ScanMode.SCALAR) {
            return ScalarScanner.INSTANCE;
        }
        if (mode == ScanMode.SWAR) {
            return SwarScanner.INSTANCE;
        }
        if (mode == ScanMode.VECTOR128) {
            return new VectorScanner128();
        }
        try {
            return new VectorScanner();
        } catch (LinkageError | UnsupportedOperationException unavailable) {
            return ScalarScanner.INSTANCE;
        }
    }
}
