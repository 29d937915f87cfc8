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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load harness end to end in its smoke mode: Zyphos and Netty each started in a JVM of their
 * own, driven by wrk and h2load, and reported. It checks that every server answered every request
 * (HTTP/1.1, RFC 9112), never how fast: figures from a shared CI machine prove nothing.
 */
class LoadSmokeTest {

    @Test
    void shortRunMeasuresZyphosAndAPeerWithoutErrors(@TempDir Path results) throws Exception {
        if (!Wrk.available()) {
            String ci = System.getenv("CI");
            if (ci != null && !ci.isBlank()) {
                fail("CI is set but wrk is not installed: the CI machine must install it (apt-get install wrk)");
            }
            assumeTrue(false, "wrk is not installed (apt-get install wrk), so the load harness cannot run here");
        }
        LoadCommand.Settings settings = LoadCommand.Settings.parse(
                new String[] {"--short", "--servers", "zyphos,netty", "--endpoints", "plaintext"});

        List<LoadCell> cells = LoadCommand.measure(settings, results, new PrintStream(OutputStream.nullOutputStream()));

        assertEquals(List.of("zyphos", "netty"), cells.stream().map(LoadCell::server).toList());
        for (LoadCell cell : cells) {
            assertTrue(cell.wrk().requests() > 0, cell.server() + " answered no request");
            assertEquals(0, cell.errors(), cell.server() + " had errors or non-2xx answers");
        }
        String latest = Files.readString(results.resolve("load-latest.md"));
        assertTrue(latest.contains("| zyphos | 0 |") && latest.contains("| netty | 0 |"), latest);
        try (var files = Files.list(results)) {
            assertEquals(1, files.filter(f -> f.getFileName().toString().endsWith(".csv")).count());
        }
    }
}
