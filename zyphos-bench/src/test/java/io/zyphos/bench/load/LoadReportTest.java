package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.bench.Machine;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the load report sums rounds up, and what it refuses to print. A figure is the median over
 * the rounds that measured it, with its range and its ratio to Zyphos; a value no load tool can
 * have measured (a zero latency, a p99.9 under the p99) is dropped, never shown; a blank is a plain
 * "–" with a footnote; a figure from fewer rounds than ran says "n=K"; and a row whose load
 * generator was at its limit is marked gen-bound, since it measured the generator.
 */
class LoadReportTest {

    private static final Machine MACHINE = new Machine(2, "1.0 GiB", "test cpu", "test jdk", "Linux", LocalDate.of(2026, 1, 1));

    /** A closed-loop run of one second, not pipelined, with wrk at {@code wrkShare} of its core and no fixed-rate run. */
    private static LoadCell cell(String server, Endpoint endpoint, int round, long requests, long p50, long p99, long p999,
            double cpuSeconds, double wrkShare) {
        return cell(server, endpoint, round, requests, 1, p50, p99, p999, cpuSeconds, wrkShare, null);
    }

    private static LoadCell cell(String server, Endpoint endpoint, int round, long requests, int depth, long p50, long p99,
            long p999, double cpuSeconds, double wrkShare, H2load.Result fixed) {
        Wrk.Result wrk = new Wrk.Result(requests, 1.0, depth, p50, p99, p999, Math.max(p999, 0) * 2, 0, 0, wrkShare);
        return new LoadCell(server, endpoint, round, server + " banner", wrk, cpuSeconds, 64.0, fixed);
    }

    private static String markdown(List<LoadCell> cells) {
        return LoadReport.markdown("./zyphos bench load", MACHINE, "setup", cells);
    }

    /** The table row of {@code server}, from its "| server |" to the end of the line. */
    private static String row(String md, String server) {
        int at = md.indexOf("| " + server + " |");
        assertTrue(at >= 0, "no row for " + server + " in\n" + md);
        return md.substring(at, md.indexOf('\n', at));
    }

    private static final List<LoadCell> THREE_ROUNDS = List.of(
            cell("zyphos", Endpoint.JSON, 1, 1000, 100, 2000, 4000, 0.5, 0.5),
            cell("netty", Endpoint.JSON, 1, 500, 100, 4000, 8000, 0.5, 0.5),
            cell("zyphos", Endpoint.JSON, 2, 3000, 100, 1000, 2000, 1.5, 0.5),
            cell("netty", Endpoint.JSON, 2, 600, 100, 3000, 6000, 0.6, 0.5),
            cell("zyphos", Endpoint.JSON, 3, 2000, 100, 3000, 6000, 1.0, 0.5),
            cell("netty", Endpoint.JSON, 3, 700, 100, 5000, 10000, 0.7, 0.5));

    @Test
    void medianMinAndMaxOverRounds() {
        var zyphos = LoadReport.group(THREE_ROUNDS).get(Endpoint.JSON).get("zyphos");
        assertEquals(new LoadReport.Figure(2000, 1000, 3000, 3, 3, null), LoadReport.figure(zyphos, LoadReport.REQUESTS));
    }

    @Test
    void ratiosAreOverZyphosMedians() {
        var servers = LoadReport.group(THREE_ROUNDS).get(Endpoint.JSON);
        LoadReport.Metric p99 = LoadReport.P99;
        assertEquals(0.3, LoadReport.ratio(servers, "netty", "zyphos", LoadReport.REQUESTS), 1e-9);
        assertEquals(2.0, LoadReport.ratio(servers, "netty", "zyphos", p99), 1e-9);
        assertEquals(1.0, LoadReport.ratio(servers, "zyphos", "zyphos", p99), 1e-9);
    }

    @Test
    void everyServerHasARowAndEveryFigureACsvLine() {
        String md = markdown(THREE_ROUNDS);
        assertTrue(row(md, "zyphos").startsWith("| zyphos | 0 | 50.0 (50.0–50.0) ×1.00 | 2,000 (1,000–3,000) ×1.00 |"), md);
        assertTrue(row(md, "netty").startsWith("| netty | 0 | 50.0 (50.0–50.0) ×1.00 | 600 (500–700) ×0.30 |"), md);
        String csv = LoadReport.csv(THREE_ROUNDS);
        assertTrue(csv.contains("json,netty,3,req/s,requests/s,3,600.0000,500.0000,700.0000,0.3000,,\n"), csv);
        assertEquals(1 + 2 * (1 + LoadReport.METRICS.size()), csv.lines().count());
    }

    @Test
    void aZeroOrOutOfOrderPercentileIsDroppedWithAFootnote() {
        List<LoadCell> cells = List.of(
                // wrk's p99.9 under its p99, then a p50 of 0: neither round has percentiles to keep.
                cell("zyphos", Endpoint.JSON, 1, 1000, 100, 2000, 1000, 0.5, 0.5),
                cell("zyphos", Endpoint.JSON, 2, 1000, 0, 1000, 2000, 0.5, 0.5));
        String md = markdown(cells);

        assertEquals("| zyphos | 0 | 50.0 (50.0–50.0) ×1.00 | 1,000 (1,000–1,000) ×1.00 | –³ | –³ | –³ | "
                + "50.0 (50.0–50.0) ×1.00 | 64.0 (64.0–64.0) ×1.00 | –⁴ | –⁴ | –⁴ | –⁴ |", row(md, "zyphos"));
        assertTrue(md.contains("³ " + Footnote.IMPOSSIBLE.text()), md);
        assertTrue(md.contains("⁴ " + Footnote.NOT_MEASURED.text()), md);
        assertFalse(md.contains("0.00"), "an impossible latency is never printed as a number:\n" + md);

        String csv = LoadReport.csv(cells);
        assertTrue(csv.contains("json,zyphos,2,p99.9,ms,0,,,,,,impossible\n"), csv);
        assertTrue(csv.contains("json,zyphos,2,fixed-rate p99,ms,0,,,,,,not-measured\n"), csv);
    }

    @Test
    void aFigureOnlyOneRoundOfTwoMeasuredSaysNEquals1AndHasNoRange() {
        List<LoadCell> cells = List.of(
                cell("zyphos", Endpoint.JSON, 1, 1000, 100, 2000, 4000, 0.5, 0.5),
                cell("netty", Endpoint.JSON, 1, 400, 0, 4000, 8000, 0.4, 0.5),
                cell("zyphos", Endpoint.JSON, 2, 3000, 100, 1000, 2000, 1.5, 0.6),
                cell("netty", Endpoint.JSON, 2, 600, 100, 3000, 6000, 0.6, 0.5));
        String md = markdown(cells);

        assertEquals("| netty | 0 | 50.0 (50.0–50.0) ×0.91 | 500 (400–600) ×0.25 | 0.10 n=1 ×1.00 | 3.00 n=1 ×2.00 | "
                + "6.00 n=1 ×2.00 | 100 (100–100) ×2.00 | 64.0 (64.0–64.0) ×1.00 | –⁴ | –⁴ | –⁴ | –⁴ |", row(md, "netty"));
        assertTrue(row(md, "zyphos").contains("| 1.50 (1.00–2.00) ×1.00 |"), md);

        String csv = LoadReport.csv(cells);
        assertTrue(csv.contains("json,netty,2,p99,ms,1,3.0000,3.0000,3.0000,2.0000,,\n"), csv);
        assertTrue(csv.contains("json,netty,2,req/s,requests/s,2,500.0000,400.0000,600.0000,0.2500,,\n"), csv);
    }

    @Test
    void pipelinedRunsReportThroughputButNoClosedLoopPercentiles() {
        H2load.Result fixed = new H2load.Result(500, 1000, 300, 2000, 5000, 0, 0.2);
        List<LoadCell> cells = List.of(
                // wrk's histogram for a pipelined run: batch latencies, and a p99.9 of 0 below a real p99.
                cell("zyphos", Endpoint.PLAINTEXT, 1, 400_000, 16, 1220, 16_100, 34_600, 0.8, 0.7, fixed),
                cell("netty", Endpoint.PLAINTEXT, 1, 380_000, 16, 1310, 31_300, 0, 0.8, 0.7, fixed));
        String md = markdown(cells);

        assertEquals("| netty | 0 | 70.0 ×1.00 | 380,000 ×0.95 | –¹ | –¹ | –¹ | 0.21 ×1.05 | 64.0 ×1.00 | "
                + "20.0 ×1.00 | 0.30 ×1.00 | 2.00 ×1.00 | 5.00 ×1.00 |", row(md, "netty"));
        assertTrue(row(md, "zyphos").contains("| –¹ | –¹ | –¹ |"), md);
        assertTrue(md.contains("¹ " + Footnote.PIPELINED.text()), md);
        assertTrue(LoadReport.csv(cells).contains("plaintext,netty,1,p99.9,ms,0,,,,,,pipelined\n"));
    }

    @Test
    void aLoadGeneratorAboveNinetyPercentOfItsCoreMarksTheRowGenBound() {
        H2load.Result busy = new H2load.Result(500, 1000, 300, 2000, 5000, 0, 0.97);
        List<LoadCell> cells = List.of(
                cell("zyphos", Endpoint.JSON, 1, 1000, 1, 100, 200, 400, 0.5, 0.5, null),
                cell("zyphos", Endpoint.JSON, 2, 1000, 1, 100, 200, 400, 0.5, 0.95, busy));
        String md = markdown(cells);

        assertEquals("| zyphos | 0 | 72.5 (50.0–95.0) ×1.00 gen-bound⁵ | 1,000 (1,000–1,000) ×1.00⁵ | 0.10 (0.10–0.10) ×1.00⁵ | "
                + "0.20 (0.20–0.20) ×1.00⁵ | 0.40 (0.40–0.40) ×1.00⁵ | 50.0 (50.0–50.0) ×1.00 | 64.0 (64.0–64.0) ×1.00 | "
                + "97.0 n=1 ×1.00 gen-bound⁶ | 0.30 n=1 ×1.00⁶ | 2.00 n=1 ×1.00⁶ | 5.00 n=1 ×1.00⁶ |", row(md, "zyphos"));
        assertTrue(md.contains("⁵ " + Footnote.WRK_BOUND.text()), md);
        assertTrue(md.contains("⁶ " + Footnote.H2LOAD_BOUND.text()), md);

        String csv = LoadReport.csv(cells);
        assertTrue(csv.contains("json,zyphos,2,wrk CPU,% of a core,2,72.5000,50.0000,95.0000,1.0000,,gen-bound\n"), csv);
        assertTrue(csv.contains("json,zyphos,2,CPU s/100k req,s,2,50.0000,50.0000,50.0000,1.0000,,\n"), csv);
    }

    @Test
    void everyServerIsSetAgainstTheCeilingWhereItRunsAndTheCeilingIsBlankWhereItCannot() {
        List<LoadCell> cells = List.of(
                cell("zyphos", Endpoint.JSON, 1, 1000, 100, 200, 400, 0.5, 0.5),
                cell(Ceiling.NAME, Endpoint.JSON, 1, 4000, 50, 100, 200, 0.5, 0.5),
                cell("zyphos", Endpoint.ECHO, 1, 500, 100, 200, 400, 0.5, 0.5));
        String md = markdown(cells);

        assertTrue(md.contains("| server | errors | wrk CPU (% of a core) | req/s | ÷ ceiling | p50 (ms) |"), md);
        String json = md.substring(md.indexOf("## json"), md.indexOf("## echo"));
        assertTrue(row(json, "zyphos").startsWith("| zyphos | 0 | 50.0 ×1.00 | 1,000 ×1.00 | 0.25 | 0.10 ×1.00 |"), json);
        assertTrue(row(json, Ceiling.NAME).startsWith("| ceiling | 0 | 50.0 ×1.00 | 4,000 ×4.00 | 1.00 | 0.050 ×0.50 |"), json);

        String echo = md.substring(md.indexOf("## echo"));
        assertTrue(row(echo, "zyphos").startsWith("| zyphos | 0 | 50.0 ×1.00 | 500 ×1.00 | –² |"), echo);
        assertTrue(echo.contains("| ceiling² |" + " – |".repeat(LoadReport.METRICS.size() + 2) + "\n"), echo);
        assertTrue(echo.contains("² " + Footnote.NOT_SERVED.text()), echo);

        assertTrue(LoadReport.csv(cells).contains("json,zyphos,1,req/s,requests/s,1,1000.0000,1000.0000,1000.0000,1.0000,0.2500,\n"));
    }

    @Test
    void aBlankIsAPlainDashNeverADashInBrackets() {
        List<LoadCell> cells = List.of(
                cell("jetty", Endpoint.PLAINTEXT, 1, 70_000, 16, 0, 0, 0, 1.0, 0.5, null),
                cell("jetty", Endpoint.PLAINTEXT, 2, 70_000, 16, 0, 0, 0, 1.0, 0.5, null));
        String md = markdown(cells);
        assertFalse(md.contains("(–") || md.contains("–)") || md.contains("–––"), md);
        assertTrue(row(md, "jetty").contains("| –¹ | –¹ | –¹ |"), md);
    }

    @Test
    void smallValuesKeepTwoSignificantDigits() {
        assertEquals("0.034", LoadReport.number(0.034));
        assertEquals("0.0050", LoadReport.number(0.005));
        assertEquals("1.50", LoadReport.number(1.5));
        assertEquals("468,000", LoadReport.number(468_000));
        assertEquals("–", LoadReport.number(Double.NaN));
    }
}
