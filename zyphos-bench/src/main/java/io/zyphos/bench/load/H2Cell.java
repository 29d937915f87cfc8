package io.zyphos.bench.load;

/**
 * One server in one HTTP/2 shape on one endpoint in one round: h2load's closed-loop run, and the
 * server's CPU and memory over it; or, when the cell could not be measured (the server exited, or
 * h2load failed), why not, and no figure at all.
 *
 * @param run null when the cell was not measured
 * @param failure why the cell was not measured, or null
 * @param cpuSeconds the server's user plus system CPU seconds during the measured run
 * @param peakRssMiB the server's peak resident set (VmHWM) by the end of the measured run
 */
record H2Cell(String server, H2Shape shape, Endpoint endpoint, int round, String banner, H2load.Throughput run,
        double cpuSeconds, double peakRssMiB, String failure) {

    /** A cell that could not be measured, and why. */
    static H2Cell notMeasured(String server, H2Shape shape, Endpoint endpoint, int round, String failure) {
        return new H2Cell(server, shape, endpoint, round, "not measured: " + failure, null, Double.NaN, Double.NaN, failure);
    }

    boolean measured() {
        return run != null;
    }

    /** The server's CPU seconds per 100,000 requests answered, NaN when none was. */
    double cpuPer100k() {
        return !measured() || run.succeeded() == 0 ? Double.NaN : cpuSeconds / run.succeeded() * 100_000;
    }
}
