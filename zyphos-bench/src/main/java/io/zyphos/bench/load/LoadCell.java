package io.zyphos.bench.load;

/**
 * One server on one endpoint in one round: the closed-loop wrk run (throughput, its latencies,
 * the server's CPU and memory) and, when h2load ran, the fixed-rate run's latencies.
 *
 * @param cpuSeconds the server's user plus system CPU seconds during the wrk run
 * @param peakRssMiB the server's peak resident set (VmHWM) by the end of the wrk run
 * @param fixedRate null when h2load was not run
 */
record LoadCell(String server, Endpoint endpoint, int round, String banner, Wrk.Result wrk, double cpuSeconds,
        double peakRssMiB, H2load.Result fixedRate) {

    /** The server's CPU seconds per 100,000 requests answered. */
    double cpuPer100k() {
        return wrk.requests() == 0 ? Double.NaN : cpuSeconds / wrk.requests() * 100_000;
    }

    /** Transport errors (connect, read, write, timeout) and non-2xx answers, in both runs. */
    long errors() {
        return wrk.errors() + wrk.non2xx() + (fixedRate == null ? 0 : fixedRate.failed());
    }
}
