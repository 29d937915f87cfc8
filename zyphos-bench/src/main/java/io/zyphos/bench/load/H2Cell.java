package io.zyphos.bench.load;

/**
 * One server in one HTTP/2 shape on one endpoint in one round: h2load's closed-loop run, and the
 * server's CPU and memory over it.
 *
 * @param cpuSeconds the server's user plus system CPU seconds during the measured run
 * @param peakRssMiB the server's peak resident set (VmHWM) by the end of the measured run
 */
record H2Cell(String server, H2Shape shape, Endpoint endpoint, int round, String banner, H2load.Throughput run,
        double cpuSeconds, double peakRssMiB) {

    /** The server's CPU seconds per 100,000 requests answered, NaN when none was. */
    double cpuPer100k() {
        return run.succeeded() == 0 ? Double.NaN : cpuSeconds / run.succeeded() * 100_000;
    }
}
