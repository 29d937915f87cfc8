package io.zyphos.http1.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load generators the benchmarks use, as clients: ApacheBench with keep-alive (it speaks
 * HTTP/1.0 with {@code Connection: keep-alive}, RFC 9112 §9.3) and wrk (HTTP/1.1). A short run each,
 * and not one failed or non-2xx response. Rates are the benchmarks' business, never a test's.
 */
class LoadToolInteropTest {

    @TempDir
    Path files;

    @Test
    void apacheBenchKeepAliveSeesNoFailures() {
        ExternalProgram.require("ab", "apache2-utils");
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run run = ExternalProgram.run("ab", "-q", "-k", "-n", "2000", "-c", "8", server.url("/plaintext")).assertSucceeded();
            assertEquals("2000", field(run.stdout(), "Complete requests:\\s+(\\d+)"));
            assertEquals("0", field(run.stdout(), "Failed requests:\\s+(\\d+)"));
            assertEquals("2000", field(run.stdout(), "Keep-Alive requests:\\s+(\\d+)"), "every request on a kept connection");
            assertTrue(!run.stdout().contains("Non-2xx responses"), run.stdout());
        }
    }

    @Test
    void wrkSeesNoErrors() {
        ExternalProgram.require("wrk", "wrk");
        try (InteropServer server = InteropServer.start(Transport.NIO, files)) {
            ExternalProgram.Run run = ExternalProgram.run("wrk", "-t1", "-c8", "-d1s", server.url("/plaintext")).assertSucceeded();
            assertTrue(Long.parseLong(field(run.stdout(), "(\\d+) requests in")) > 0, run.stdout());
            assertTrue(!run.stdout().contains("Socket errors"), run.stdout());
            assertTrue(!run.stdout().contains("Non-2xx"), run.stdout());
        }
    }

    private static String field(String output, String regex) {
        Matcher m = Pattern.compile(regex).matcher(output);
        assertTrue(m.find(), "no " + regex + " in:\n" + output);
        return m.group(1);
    }
}
