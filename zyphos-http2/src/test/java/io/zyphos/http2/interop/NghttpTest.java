package io.zyphos.http2.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * nghttp2's own tools against the server: {@code nghttp} shows the frames both ways (SETTINGS and
 * their acknowledgements, HEADERS, DATA, the GOAWAY at the end), and {@code h2load} opens many
 * streams on a few connections and counts every response. No timing is asserted: h2load here is a
 * correctness client.
 */
class NghttpTest {

    @TempDir
    static Path files;

    @ParameterizedTest
    @EnumSource(Transport.class)
    void nghttpSeesSettingsExchangedAndTheResponse(Transport transport) {
        ExternalProgram.require("nghttp", "nghttp2-client");
        try (H2Server server = H2Server.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.run("nghttp", "-nv", server.url("/plaintext")).assertSucceeded();
            String log = run.stdout();
            assertTrue(log.contains("recv SETTINGS frame"), log);
            assertTrue(log.contains("recv SETTINGS frame <length=0, flags=0x01"), "our SETTINGS acknowledge theirs: " + log);
            assertTrue(log.contains(":status: 200"), log);
            assertTrue(Pattern.compile("recv DATA frame <length=13, flags=0x01, stream_id=\\d+>").matcher(log).find(),
                    "13 bytes, END_STREAM: " + log);
        }
    }

    @ParameterizedTest
    @EnumSource(Transport.class)
    void h2loadGetsEveryResponseOnManyStreams(Transport transport) {
        ExternalProgram.require("h2load", "nghttp2-client");
        try (H2Server server = H2Server.start(transport, files)) {
            ExternalProgram.Run run = ExternalProgram.run("h2load", "-n", "2000", "-c", "4", "-m", "50", server.url("/plaintext"))
                    .assertSucceeded();
            Matcher m = Pattern.compile("requests: (\\d+) total, (\\d+) started, (\\d+) done, (\\d+) succeeded, (\\d+) failed, (\\d+) errored")
                    .matcher(run.stdout());
            assertTrue(m.find(), run.stdout());
            assertEquals("2000", m.group(4), run.stdout());
            assertEquals("0", m.group(5), run.stdout());
            assertEquals("0", m.group(6), run.stdout());
        }
    }
}
