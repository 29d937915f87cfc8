package io.zyphos.bench.load;

/**
 * Why the load report leaves a figure blank, or why it warns about one it prints. Each has a fixed
 * mark, so a reader learns it once for every table, and a key for the CSV's note column.
 */
enum Footnote {
    PIPELINED("pipelined", "wrk times a pipelined batch of requests, not each request, so a pipelined run reports no "
            + "closed-loop percentiles (its req/s still counts every request)"),
    NOT_SERVED("not-served", "the ceiling answers only GET /plaintext and GET /json, so it does not run here"),
    IMPOSSIBLE("impossible", "no round gave a possible value: a zero latency, or percentiles out of order "
            + "(p50 ≤ p99 ≤ p99.9 fails), is dropped, never printed"),
    NOT_MEASURED("not-measured", "not measured in any round"),
    WRK_BOUND("gen-bound", "gen-bound: wrk used more than 90% of its core in at least one round, so this row's req/s "
            + "and closed-loop latencies measure wrk, not the server"),
    H2LOAD_BOUND("gen-bound", "gen-bound: h2load used more than 90% of its core in at least one round, so this row's "
            + "h2load figures (fixed-rate latencies; HTTP/2 req/s) measure h2load, not the server");

    private static final String[] SUPERSCRIPTS = {"¹", "²", "³", "⁴", "⁵", "⁶"};

    private final String key;
    private final String text;

    Footnote(String key, String text) {
        this.key = key;
        this.text = text;
    }

    /** The mark after a figure and before its footnote: ¹, ², ... */
    String mark() {
        return SUPERSCRIPTS[ordinal()];
    }

    /** One word for the CSV's note column. */
    String key() {
        return key;
    }

    String text() {
        return text;
    }
}
