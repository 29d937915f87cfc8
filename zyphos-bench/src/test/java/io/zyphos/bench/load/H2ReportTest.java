package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.bench.Machine;
import io.zyphos.bench.UsageException;
import java.io.IOException;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * How the HTTP/2 rows are read and reported. h2load's own tally is the source (its requests a
 * second, its failed requests, the protocol it spoke); each figure is the median over the rounds
 * with its range, set against Netty on epoll; a row where h2load was at its limit is marked
 * gen-bound, since its requests a second then measure h2load; and a figure no round measured is a
 * plain "–" with its footnote, never a number.
 */
class H2ReportTest {

    private static final Machine MACHINE = new Machine(2, "1.0 GiB", "test cpu", "test jdk", "Linux", LocalDate.of(2026, 1, 1));

    /** A one-second run of {@code requestsPerSecond}, {@code failed} of them failed, h2load at {@code share} of its core. */
    private static H2Cell cell(String server, H2Shape shape, int round, long requestsPerSecond, long failed, double share,
            double cpuSeconds) {
        H2load.Throughput run = new H2load.Throughput(requestsPerSecond, requestsPerSecond, requestsPerSecond - failed, failed,
                shape.protocol(), share);
        return new H2Cell(server, shape, Endpoint.PLAINTEXT, round, server + " banner", run, cpuSeconds, 64.0, null);
    }

    private static String markdown(List<H2Cell> cells) {
        return H2Report.markdown("./zyphos bench load --h2", MACHINE, "setup", cells);
    }

    private static String row(String md, String server) {
        int at = md.indexOf("| " + server + " |");
        assertTrue(at >= 0, "no row for " + server + " in\n" + md);
        return md.substring(at, md.indexOf('\n', at));
    }

    private static final List<H2Cell> THREE_ROUNDS = List.of(
            cell("zyphos", H2Shape.H2C_1X100, 1, 1000, 0, 0.5, 0.5),
            cell("netty", H2Shape.H2C_1X100, 1, 500, 0, 0.5, 0.5),
            cell("zyphos", H2Shape.H2C_1X100, 2, 3000, 0, 0.5, 1.5),
            cell("netty", H2Shape.H2C_1X100, 2, 600, 0, 0.5, 0.6),
            cell("zyphos", H2Shape.H2C_1X100, 3, 2000, 0, 0.5, 1.0),
            cell("netty", H2Shape.H2C_1X100, 3, 700, 0, 0.5, 0.7));

    @Test
    void eachFigureIsTheMedianOverTheRoundsSetAgainstNettyOnEpoll() {
        String md = markdown(THREE_ROUNDS);

        assertEquals("| zyphos | 3/3 | 0 | 2,000 (1,000–3,000) ×3.33 | 50.0 (50.0–50.0) ×1.00 | 50.0 (50.0–50.0) ×0.50 | "
                + "64.0 (64.0–64.0) ×1.00 |", row(md, "zyphos"));
        assertEquals("| netty | 3/3 | 0 | 600 (500–700) ×1.00 | 50.0 (50.0–50.0) ×1.00 | 100 (100–100) ×1.00 | "
                + "64.0 (64.0–64.0) ×1.00 |", row(md, "netty"));
        assertTrue(md.contains("## h2c-1x100, GET /plaintext: 1 connection × 100 streams, h2c (prior knowledge)\n"), md);
        assertTrue(md.contains("| server | rounds | failed | req/s | h2load CPU (% of a core) | CPU s/100k req (s) | peak RSS (MiB) |"), md);
        assertTrue(md.contains("- netty: netty banner\n"), md);

        String csv = H2Report.csv(THREE_ROUNDS);
        assertTrue(csv.contains("h2c-1x100,plaintext,zyphos,3,req/s,requests/s,3,2000.0000,1000.0000,3000.0000,3.3333,\n"), csv);
        assertTrue(csv.contains("h2c-1x100,plaintext,netty,3,failed,count,3,0,0,0,,\n"), csv);
        assertEquals(1 + 2 * (1 + H2Report.METRICS.size()), csv.lines().count());
    }

    @Test
    void aRowWhereH2loadPassedNinetyPercentOfItsCoreIsGenBound() {
        List<H2Cell> cells = List.of(
                cell("netty", H2Shape.H2C_16X100, 1, 1000, 0, 0.5, 0.5),
                cell("jetty", H2Shape.H2C_16X100, 1, 2000, 0, 0.8, 0.5),
                cell("netty", H2Shape.H2C_16X100, 2, 1000, 0, 0.5, 0.5),
                cell("jetty", H2Shape.H2C_16X100, 2, 4000, 0, 0.95, 0.5));
        String md = markdown(cells);

        assertEquals("| jetty | 2/2 | 0 | 3,000 (2,000–4,000) ×3.00⁶ | 87.5 (80.0–95.0) ×1.75 gen-bound⁶ | "
                + "18.8 (12.5–25.0) ×0.38 | 64.0 (64.0–64.0) ×1.00 |", row(md, "jetty"));
        assertFalse(row(md, "netty").contains("⁶"), md);
        assertTrue(md.contains("⁶ " + Footnote.H2LOAD_BOUND.text()), md);

        String csv = H2Report.csv(cells);
        assertTrue(csv.contains("h2c-16x100,plaintext,jetty,2,req/s,requests/s,2,3000.0000,2000.0000,4000.0000,3.0000,gen-bound\n"), csv);
        assertTrue(csv.contains("h2c-16x100,plaintext,jetty,2,peak RSS,MiB,2,64.0000,64.0000,64.0000,1.0000,\n"), csv);
    }

    @Test
    void failedRequestsAreSummedAndAFigureNoRoundMeasuredIsABlankWithItsFootnote() {
        List<H2Cell> cells = List.of(
                // Nothing succeeded in either round: no CPU per request to show, and no Netty to set it against.
                cell("zyphos", H2Shape.H2_16X100, 1, 500, 500, 0.5, 0.5),
                cell("zyphos", H2Shape.H2_16X100, 2, 700, 700, 0.5, 0.5));
        String md = markdown(cells);

        assertEquals("| zyphos | 2/2 | 1200 | 600 (500–700) | 50.0 (50.0–50.0) | –⁴ | 64.0 (64.0–64.0) |", row(md, "zyphos"));
        assertTrue(md.contains("⁴ " + Footnote.NOT_MEASURED.text()), md);
        assertTrue(H2Report.csv(cells).contains("h2-16x100,plaintext,zyphos,2,CPU s/100k req,s,0,,,,,not-measured\n"));
    }

    @Test
    void aRoundThatCouldNotBeMeasuredCountsAsARoundAndGivesNoFigure() {
        List<H2Cell> cells = List.of(
                cell("jetty", H2Shape.H2C_1X100, 1, 1000, 0, 0.5, 0.5),
                H2Cell.notMeasured("jetty", H2Shape.H2C_1X100, Endpoint.PLAINTEXT, 2, "jetty exited before it was listening"));
        String md = markdown(cells);

        assertEquals("| jetty | 1/2 | 0 | 1,000 n=1 | 50.0 n=1 | 50.0 n=1 | 64.0 n=1 |", row(md, "jetty"));
        assertTrue(md.contains("- jetty: jetty banner\n"), md);
        assertTrue(H2Report.csv(cells).contains("h2c-1x100,plaintext,jetty,2,req/s,requests/s,1,1000.0000,1000.0000,1000.0000,,\n"));
    }

    @Test
    void eachShapeHasATableOfItsOwnInTheOrderMeasured() {
        String md = markdown(List.of(
                cell("netty", H2Shape.H2_1X100, 1, 1000, 0, 0.5, 0.5),
                cell("netty", H2Shape.H2C_1X100, 1, 2000, 0, 0.5, 0.5)));
        int tls = md.indexOf("## h2-1x100, GET /plaintext: 1 connection × 100 streams, h2 over TLS (ALPN)");
        int clear = md.indexOf("## h2c-1x100, GET /plaintext");
        assertTrue(tls > 0 && clear > tls, md);
    }

    /** What h2load 1.52 printed for a 3-second h2c run, from "finished" to its status codes. */
    private static final String H2LOAD_OUTPUT = """
            Application protocol: h2c
            Warm-up phase is over for thread #0.

            finished in 4.00s, 135100.00 req/s, 5.02MB/s
            requests: 405300 total, 405300 started, 405300 done, 405298 succeeded, 2 failed, 1 errored, 0 timeout
            status codes: 405299 2xx, 0 3xx, 1 4xx, 0 5xx
            """;

    @Test
    void h2loadsOwnTallyIsWhatARunMeasured() throws IOException {
        assertEquals(new H2load.Throughput(135100.0, 405300, 405298, 2, "h2c", 0.8), H2load.parse(H2LOAD_OUTPUT, 0.8));
        assertEquals("none", H2load.parse(H2LOAD_OUTPUT.replace("Application protocol: h2c\n", ""), 0.8).protocol());
        assertThrows(IOException.class, () -> H2load.parse("connect: Connection refused\n", 0.1));
    }

    @Test
    void http2RowsDefaultToTheServersThatSpeakItAndRefuseTheRest() {
        LoadCommand.Settings h2 = LoadCommand.Settings.parse(new String[] {"--h2"});
        assertEquals(LoadCommand.H2_SERVERS, h2.servers());
        assertEquals(List.of(Endpoint.PLAINTEXT), h2.endpoints());
        assertEquals(List.of(H2Shape.values()), h2.shapes());

        assertThrows(UsageException.class, () -> LoadCommand.Settings.parse(new String[] {"--h2", "--servers", "helidon"}));
        assertThrows(UsageException.class, () -> LoadCommand.Settings.parse(new String[] {"--h2", "--endpoints", "echo"}));
        assertThrows(UsageException.class, () -> LoadCommand.Settings.parse(new String[] {"--shapes", "h2c-1x100"}));
        assertThrows(UsageException.class, () -> LoadCommand.Settings.parse(new String[] {"--h2", "--shapes", "h3-1x100"}));
    }
}
