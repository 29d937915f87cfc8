package io.zyphos.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.EOFException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A file over TLS: sendfile(2) moves bytes from the page cache to the socket untouched, and TLS
 * must touch every byte, so the file comes up through pooled buffers and goes out as records. A
 * region is encrypted a bounded amount at a time, the way a transport sends under its watermarks.
 */
class FileRegionTest {

    @TempDir
    Path dir;

    private Path file(int size) throws Exception {
        byte[] text = new byte[size];
        Random random = new Random(42);
        for (int i = 0; i < size; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        return Files.write(dir.resolve("file.txt"), text);
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aRegionArrivesByteExactInBoundedSteps(TlsProvider provider) throws Exception {
        Path path = file(100_000);
        String expected = Files.readString(path, StandardCharsets.US_ASCII).substring(10, 90_010);
        FileChannel channel = FileChannel.open(path);
        try (EnginePair pair = EnginePair.of(HandshakeTest.config(provider).build(), HandshakeTest.trustingClient(), null).handshake();
                TlsFileRegion region = new TlsFileRegion(channel, 10, 90_000)) {
            int steps = 0;
            while (!region.isDone()) {
                long n = region.encrypt(pair.server, 32 * 1024);
                assertTrue(n > 0 && n <= 32 * 1024, "each step is bounded: " + n);
                pair.pump();
                steps++;
            }
            assertEquals(3, steps, "90,000 bytes in steps of 32 KiB");
            assertEquals(expected, pair.clientReceived());
            assertFalse(channel.isOpen(), "the region closed its file after the last byte");
        }
    }

    @ParameterizedTest
    @EnumSource(TlsProvider.class)
    void aFileShorterThanItsRegionFails(TlsProvider provider) throws Exception {
        Path path = file(1_000);
        FileChannel channel = FileChannel.open(path);
        try (EnginePair pair = EnginePair.of(HandshakeTest.config(provider).build(), HandshakeTest.trustingClient(), null).handshake();
                TlsFileRegion region = new TlsFileRegion(channel, 0, 5_000)) {
            EOFException e = assertThrows(EOFException.class, () -> region.encrypt(pair.server, Long.MAX_VALUE));
            assertEquals("the file ended 4000 bytes before its region did", e.getMessage());
            pair.pump();
            assertEquals(1_000, pair.clientReceived().length(), "what the file had went out before the end was found");
        }
        assertFalse(channel.isOpen());
    }
}
