package io.zyphos.bench.jmh;

/**
 * How long JMH measures. {@link #QUICK} answers "did this get faster or slower?" in a minute or
 * two; {@link #SERIOUS} is for figures worth writing down: more forks average out JIT and memory
 * layout luck between JVM runs, longer iterations smooth out GC.
 */
public enum JmhProfile {
    /** 1 fork, 2 warm-up iterations of 1 s, 3 measurement iterations of 1 s. */
    QUICK(1, 2, 1, 3, 1),
    /** 3 forks, 5 warm-up iterations of 2 s, 5 measurement iterations of 2 s. */
    SERIOUS(3, 5, 2, 5, 2);

    private final int forks;
    private final int warmupIterations;
    private final int warmupSeconds;
    private final int measurementIterations;
    private final int measurementSeconds;

    JmhProfile(int forks, int warmupIterations, int warmupSeconds, int measurementIterations, int measurementSeconds) {
        this.forks = forks;
        this.warmupIterations = warmupIterations;
        this.warmupSeconds = warmupSeconds;
        this.measurementIterations = measurementIterations;
        this.measurementSeconds = measurementSeconds;
    }

    public int forks() {
        return forks;
    }

    public int warmupIterations() {
        return warmupIterations;
    }

    public int warmupSeconds() {
        return warmupSeconds;
    }

    public int measurementIterations() {
        return measurementIterations;
    }

    public int measurementSeconds() {
        return measurementSeconds;
    }

    /** "1 fork, 2 × 1 s warm-up, 3 × 1 s measurement". */
    public String describe() {
        return forks + (forks == 1 ? " fork, " : " forks, ")
                + warmupIterations + " × " + warmupSeconds + " s warm-up, "
                + measurementIterations + " × " + measurementSeconds + " s measurement";
    }
}
