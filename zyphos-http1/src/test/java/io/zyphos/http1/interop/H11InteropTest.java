package io.zyphos.http1.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * h11, the strictest HTTP/1.1 implementation around, as the client: it parses every byte the
 * server sends and raises on anything RFC 9112 forbids. One connection carries a GET, a POST, a
 * chunked response (§7.1), a 204 and a HEAD, which have no body (§6.3), and a 304 (RFC 9110
 * §15.4.5); a second sends a malformed request (§5.1) and reads the 400 before the server closes.
 */
class H11InteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void everyResponseParsesUnderH11(Transport transport) throws IOException {
        ExternalProgram.requirePython("h11", "python3-h11");
        Path script = dir.resolve("h11_client.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/h11_client.py")) {
            Files.copy(in, script);
        }
        Files.writeString(dir.resolve("page.txt"), "a page\n");
        String expected = "{\"GET /chunks?n=3\": [200, \"chunk-0\\nchunk-1\\nchunk-2\\n\", \"chunked\", null], "
                + "\"GET /empty\": [204, \"\", null, null], "
                + "\"HEAD /files/page.txt\": [200, \"\", null, \"7\"], "
                + "\"POST /echo\": [200, \"strict\", null, \"6\"], "
                + "\"badRequest\": [400, \"close\", true], "
                + "\"plaintext\": [200, \"Hello, World!\"], "
                + "\"revalidated\": [304, \"\"]}";
        try (InteropServer server = InteropServer.start(transport, dir)) {
            ExternalProgram.Run run = ExternalProgram.run("/usr/bin/python3", script.toString(), Integer.toString(server.port()), "/files/page.txt")
                    .assertSucceeded();
            assertEquals(expected, run.stdout().strip());
        }
    }
}
