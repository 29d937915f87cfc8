package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * CI machine prove nothing.
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
}
