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
 * Python's standard {@code http.client}: one persistent connection (RFC 9112 §9.3) carrying a
 * plain GET, a POST with Content-Length, a chunked upload and a chunked download (RFC 9112 §7.1),
 * and a 204. The script prints what it saw as JSON; the test compares it whole.
 */
class PythonHttpClientInteropTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void aPersistentConnectionCarriesEveryKindOfBody(Transport transport) throws IOException {
        ExternalProgram.require("python3", "python3");
        Path script = dir.resolve("http_client.py");
        try (InputStream in = getClass().getResourceAsStream("/interop/http_client.py")) {
            Files.copy(in, script);
        }
        String expected = "{\"plaintext\": [200, \"text/plain; charset=utf-8\", \"Hello, World!\"], "
                + "\"echo\": [200, \"application/x-abc\", 3000], "
                + "\"chunkedUpload\": [200, \"first,second,third\"], "
                + "\"chunkedDownload\": [200, \"chunked\", \"chunk-0\\nchunk-1\\nchunk-2\\nchunk-3\\nchunk-4\\n\"], "
                + "\"empty\": [204, \"\"], "
                + "\"sameSocket\": true}";
        try (InteropServer server = InteropServer.start(transport, dir)) {
            ExternalProgram.Run run = ExternalProgram.run("/usr/bin/python3", script.toString(), Integer.toString(server.port())).assertSucceeded();
            assertEquals(expected, run.stdout().strip());
        }
    }
}
