package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the load report sums rounds up: the median with its min and max, and each figure over
 * Zyphos's, so a reader sees both the spread and the comparison at a glance.
 */
class LoadReportTest {

    private static LoadCell cell(String server, int round, long requests, long p99Micros, double cpuSeconds) {
        Wrk.Result wrk = new Wrk.Result(requests, 1.0, 100, p99Micros, p99Micros * 2, p99Micros * 3, 0, 0);
        return new LoadCell(server, Endpoint.JSON, round, server + " banner", wrk, cpuSeconds, 64.0, null);
    }

    private static final List<LoadCell> CELLS = List.of(
            cell("zyphos", 1, 1000, 2000, 0.5), cell("netty", 1, 500, 4000, 0.5),
            cell("zyphos", 2, 3000, 1000, 1.5), cell("netty", 2, 600, 3000, 0.6),
            cell("zyphos", 3, 2000, 3000, 1.0), cell("netty", 3, 700, 5000, 0.7));

    @Test
    void medianMinAndMaxOverRounds() {
        LoadReport.Spread rps = LoadReport.spread(LoadReport.group(CELLS).get(Endpoint.JSON).get("zyphos"), LoadReport.METRICS.getFirst());
        assertEquals(new LoadReport.Spread(2000, 1000, 3000), rps);
    }

    @Test
    void ratiosAreOverZyphosMedians() {
        var servers = LoadReport.group(CELLS).get(Endpoint.JSON);
        assertEquals(0.3, LoadReport.ratio(servers, "netty", LoadReport.METRICS.get(0)), 1e-9);
        assertEquals(2.0, LoadReport.ratio(servers, "netty", LoadReport.METRICS.get(2)), 1e-9);
        assertEquals(1.0, LoadReport.ratio(servers, "zyphos", LoadReport.METRICS.get(2)), 1e-9);
    }

    @Test
    void markdownAndCsvCarryEveryServer() {
        String md = LoadReport.markdown("./zyphos bench load", io.zyphos.bench.Machine.current(), "setup", CELLS);
        assertTrue(md.contains("| zyphos | 0 | 2,000 (1,000–3,000) ×1.00 |"), md);
        assertTrue(md.contains("| netty | 0 | 600 (500–700) ×0.30 |"), md);
        String csv = LoadReport.csv(CELLS);
        assertTrue(csv.contains("json,netty,3,req/s,requests/s,600.0000,500.0000,700.0000,0.3000\n"), csv);
        assertEquals(1 + 2 * (1 + LoadReport.METRICS.size()), csv.lines().count());
    }

    @Test
    void emptyWrkHistogramShowsAsNotMeasured() {
        assertTrue(Double.isNaN(LoadReport.millis(-1)));
        assertEquals("–", LoadReport.number(Double.NaN));
        assertEquals(1.5, LoadReport.millis(1500));
    }
}
