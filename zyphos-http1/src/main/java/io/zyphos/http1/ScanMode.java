package io.zyphos.http1;

/**
 * How the parser scans for delimiters and validates byte classes.
 *
 * <p>Both paths give identical results; a property test proves it on random and adversarial
 * input. {@link #AUTO} picks the vector path when the {@code jdk.incubator.vector} module is
 * present and the CPU has 128-bit or wider vectors, and the scalar path otherwise. The system
 * property {@value #PROPERTY} ({@code auto}, {@code vector} or {@code scalar}) sets the default.
 */
public enum ScanMode {
    /** Vector when available, scalar otherwise. */
    AUTO,
    /** jdk.incubator.vector lanes; falls back to scalar if the module is missing. */
    VECTOR,
    /** One byte at a time through a lookup table. */
    SCALAR,
    /** Field values eight bytes at a time in a {@code long}; no vector module needed. */
    SWAR,
    /** 128-bit lanes, one memory segment per underlying buffer. */
    VECTOR128;

    /** The system property that chooses the default mode. */
    public static final String PROPERTY = "zyphos.http1.scan";

    /** The mode named by {@value #PROPERTY}, or {@link #AUTO}. */
    public static ScanMode fromSystemProperty() {
        String value = System.getProperty(PROPERTY, "auto");
        return switch (value) {
            case "vector" -> VECTOR;
            case "scalar" -> SCALAR;
            case "auto" -> AUTO;
            default -> throw new IllegalArgumentException(
                    PROPERTY + " must be auto, vector or scalar, not " + value);
        };
    }
}
