package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zyphos.testing.ExternalProgram;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness end to end in its smoke mode: Zyphos, Netty on epoll and on io_uring, each in
 * a JVM of its own, and the C ceiling, driven by wrk and h2load, and reported. It checks that
 * every server answered every request (HTTP/1.1, RFC 9112), never how fast: figures from a shared
 * CI machine prove nothing. The same for the HTTP/2 rows, with h2load against Zyphos, Netty and Jetty.
 */
class LoadSmokeTest {

    private static final List<String> SERVERS = List.of("zyphos", "netty", "netty-io_uring", Ceiling.NAME);

    @Test
    void shortRunMeasuresZyphosThePeersAndTheCeilingWithoutErrors(@TempDir Path results) throws Exception {
        boolean ci = System.getenv("CI") != null && !System.getenv("CI").isBlank();
        if (!Wrk.available()) {
            if (ci) {
                fail("CI is set but wrk is not installed: the CI machine must install it (apt-get install wrk)");
            }
            assumeTrue(false, "wrk is not installed (apt-get install wrk), so the load harness cannot run here");
        }
        boolean compiler = Ceiling.COMPILERS.stream().map(Tools::find).anyMatch(Objects::nonNull);
        if (!compiler && ci) {
            fail("CI is set but there is no C compiler (cc or gcc) to build the ceiling (apt-get install gcc)");
        }
        LoadCommand.Settings settings = LoadCommand.Settings.parse(
                new String[] {"--short", "--servers", String.join(",", SERVERS), "--endpoints", "plaintext"});

        List<LoadCell> cells = LoadCommand.measure(settings, results, new PrintStream(OutputStream.nullOutputStream()));

        List<String> expected = compiler ? SERVERS : SERVERS.subList(0, SERVERS.size() - 1);
        assertEquals(expected, cells.stream().map(LoadCell::server).toList());
        for (LoadCell cell : cells) {
            assertTrue(cell.wrk().requests() > 0, cell.server() + " answered no request");
            assertEquals(0, cell.errors(), cell.server() + " had errors or non-2xx answers");
            assertTrue(cell.wrk().generatorShare() > 0, cell.server() + ": wrk's own CPU was not read");
        }
        String latest = Files.readString(results.resolve("load-latest.md"));
        for (String server : expected) {
            assertTrue(latest.contains("| " + server + " | 0 |"), latest);
        }
        assertTrue(compiler ? latest.contains("÷ ceiling") : latest.contains("Ceiling: not run, no C compiler"), latest);
        try (var files = Files.list(results)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".csv")).count());
        }
    }

    /**
     * The HTTP/2 rows in the smoke mode: Zyphos, Netty and Jetty each answer every request h2load
     * sends over one connection of 100 streams, in clear text (h2c, RFC 9113 §3.3) and over TLS
     * where ALPN chose h2 (RFC 9113 §3.2). One connection, not sixteen: the servers inherit the
     * tests' PARANOID leak detection, under which Netty's TLS writes with 16 × 100 streams slow to
     * a crawl.
     */
    @Test
    void shortHttp2RunMeasuresZyphosNettyAndJettyInClearTextAndOverTls(@TempDir Path results) throws Exception {
        ExternalProgram.require("h2load", "nghttp2-client");
        List<String> servers = List.of("zyphos", "netty", "jetty");
        LoadCommand.Settings settings = LoadCommand.Settings.parse(new String[] {"--h2", "--short", "--servers",
                String.join(",", servers), "--shapes", "h2c-1x100,h2-1x100"});

        List<H2Cell> cells = H2Rows.measure(settings, results, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(6, cells.size());
        for (H2Cell cell : cells) {
            String what = cell.server() + " " + cell.shape().label();
            assertEquals(cell.shape().protocol(), cell.run().protocol(), what);
            assertTrue(cell.run().succeeded() > 0, what + " answered no request");
            assertEquals(0, cell.run().failed(), what + " failed requests");
            assertTrue(cell.run().generatorShare() > 0, what + ": h2load's own CPU was not read");
        }
        String latest = Files.readString(results.resolve("load-h2-latest.md"));
        for (String server : servers) {
            assertTrue(latest.contains("| " + server + " | 1/1 | 0 |"), latest);
        }
        assertTrue(latest.contains("## h2-1x100, GET /plaintext: 1 connection × 100 streams, h2 over TLS (ALPN)"), latest);
    }
}
