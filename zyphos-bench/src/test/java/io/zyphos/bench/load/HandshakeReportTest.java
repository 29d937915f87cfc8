package io.zyphos.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zyphos.bench.Machine;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The TLS handshake report prints only what was measured: a median and its range over the rounds,
 * the ratio to Netty per server CPU-second, blank where nothing was measured, and a row whose
 * s_time clients used most of their core marked client-bound. s_time's own count is read from
 * its last line.
 */
class HandshakeReportTest {

    private static final HandshakeCommand.Settings SETTINGS = new HandshakeCommand.Settings(
            List.of("zyphos", "netty"), 2, 10, 20, 4, "--rounds 2");

    @Test
    void mediansRangesAndTheRatioToNettyComeFromTheRounds() {
        Map<String, List<HandshakeCommand.Round>> rounds = new LinkedHashMap<>();
        rounds.put("zyphos", List.of(new HandshakeCommand.Round(900, 1000, 2000, 0.5), new HandshakeCommand.Round(1100, 1200, 2200, 0.6)));
        rounds.put("netty", List.of(new HandshakeCommand.Round(2000, 2200, 4000, 0.95), new HandshakeCommand.Round(2000, 2200, 4000, 0.97)));
        String md = report(rounds);
        assertTrue(md.contains("| zyphos | ZY | 1,000 (900–1,100) | 1,100 (1,000–1,200) | 0.50 | 2,100 (2,000–2,200) | yes | 55% | 2 |"), md);
        assertTrue(md.contains("96% (client-bound)"), md);
        assertTrue(md.contains("no: every -reuse connection is a full handshake"), md);
    }

    @Test
    void aFigureNoRoundMeasuredIsBlankNotANumber() {
        Map<String, List<HandshakeCommand.Round>> rounds = new LinkedHashMap<>();
        rounds.put("zyphos", List.of(new HandshakeCommand.Round(900, Double.NaN, 2000, Double.NaN)));
        String md = report(rounds);
        assertTrue(md.contains("| zyphos | ZY | 900 |  |  | 2,000 | yes |  | 1 |"), md);
        assertFalse(md.contains("NaN"), md);
    }

    @Test
    void sTimeCountsItsConnectionsOnItsLastLine() throws IOException {
        String out = """
                Collecting connection statistics for 10 seconds
                ****

                739 connections in 0.65s; 1136.92 connections/user sec, bytes read 0
                739 connections in 11 real seconds, 0 bytes read per connection
                """;
        assertEquals(739, STime.connections(out));
        assertThrows(IOException.class, () -> STime.connections("connect: Connection refused"));
    }

    private static String report(Map<String, List<HandshakeCommand.Round>> rounds) {
        Map<String, String> banners = new LinkedHashMap<>();
        Map<String, Boolean> resumes = new LinkedHashMap<>();
        for (String s : rounds.keySet()) {
            banners.put(s, s.equals("zyphos") ? "ZY" : "NE");
            resumes.put(s, s.equals("zyphos"));
        }
        Machine machine = Machine.current();
        return HandshakeReport.markdown(SETTINGS, machine, Pinning.choose(2), banners, resumes, rounds);
    }
}
