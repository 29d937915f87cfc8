package io.zyphos.http2.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.server.Transport;
import io.zyphos.testing.ExternalProgram;
import io.zyphos.tls.SelfSignedCertificate;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * testssl.sh, the scanner operators point at their servers, finds nothing to fault in the TLS
 * setup: TLS 1.3 and 1.2 only, AEAD suites only, ALPN {@code h2} and {@code http/1.1}, and none of
 * the known attacks (Heartbleed, ROBOT, CRIME, POODLE, SWEET32, FREAK, DROWN, LOGJAM, BEAST,
 * LUCKY13, RC4, insecure renegotiation). One transport: the TLS layer is the same code on all.
 */
class TestsslTest {

    /** testssl's JSON: one object per finding, with its id and severity. */
    private static final Pattern FINDING = Pattern.compile(
            "\"id\"\\s*:\\s*\"([^\"]+)\"[^}]*?\"severity\"\\s*:\\s*\"([A-Z]+)\"[^}]*?\"finding\"\\s*:\\s*\"([^\"]*)\"");

    @TempDir
    Path work;

    @Test
    void findsNoWeakProtocolSuiteOrKnownVulnerability() throws IOException {
        ExternalProgram.require("testssl", "testssl.sh");
        try (H2Server server = H2Server.startTls(Transport.NIO, work, SelfSignedCertificate.generate())) {
            Path json = work.resolve("testssl.json");
            ExternalProgram.run("testssl", "--quiet", "--color", "0", "--warnings", "batch", "--protocols", "--std",
                    "--vulnerable", "--jsonfile", json.toString(), "127.0.0.1:" + server.port());
            String report = Files.readString(json);
            List<String> faults = new ArrayList<>();
            Matcher m = FINDING.matcher(report);
            int findings = 0;
            while (m.find()) {
                findings++;
                String severity = m.group(2);
                if (!severity.equals("OK") && !severity.equals("INFO")) {
                    faults.add(severity + " " + m.group(1) + ": " + m.group(3));
                }
            }
            assertTrue(findings > 20, "testssl reported its findings: " + report);
            assertEquals(List.of(), faults);
            assertTrue(report.contains("\"TLS1_3\"") && report.contains("offered with final"), report);
            assertTrue(report.matches("(?s).*\"id\"\\s*:\\s*\"ALPN_HTTP2\".*h2.*"), report);
        }
    }
}
