package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Huffman code of RFC 7541 §5.2 and Appendix B: the RFC's own coded strings both ways, every
 * octet through the code and back, and the byte-at-a-time decoder against a reference that walks
 * the code a bit at a time, on strings of every length so each of the 256 states meets each
 * octet.
 */
class HuffmanTest {

    /** Strings and their codes from RFC 7541 C.4 and C.6. */
    private static final Map<String, String> RFC_CODES = Map.of(
            "www.example.com", "f1e3 c2e5 f23a 6ba0 ab90 f4ff",
            "no-cache", "a8eb 1064 9cbf",
            "custom-key", "25a8 49e9 5ba9 7d7f",
            "custom-value", "25a8 49e9 5bb8 e8b4 bf",
            "302", "6402",
            "private", "aec3 771a 4b",
            "Mon, 21 Oct 2013 20:13:21 GMT", "d07a be94 1054 d444 a820 0595 040b 8166 e082 a62d 1bff",
            "https://www.example.com", "9d29 ad17 1863 c78f 0b97 c8e9 ae82 ae43 d3",
            "gzip", "9bd9 ab",
            "foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1",
            "94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f 9587 3160 65c0 03ed 4ee5 b106 3d50 07");

    @Test
    void theRfcStringsEncodeAndDecodeToEachOther() {
        RFC_CODES.forEach((plain, hex) -> {
            assertEquals(hex, encode(plain), plain);
            assertEquals(plain, decode(Hpack.octets(hex)), hex);
            assertEquals(Hpack.octets(hex).length, HuffmanEncoder.encodedLength(plain), "length of " + plain);
        });
    }

    @Test
    void everyOctetRoundTrips() {
        StringBuilder all = new StringBuilder();
        for (int octet = 0; octet < 256; octet++) {
            String one = String.valueOf((char) octet);
            assertEquals(one, decode(Hpack.octets(encode(one))), "octet " + octet);
            all.append((char) octet);
        }
        assertEquals(all.toString(), decode(Hpack.octets(encode(all.toString()))));
    }

    @Test
    void theTableDrivenDecoderAgreesWithABitByBitWalkOnRandomCodes() {
        Random random = new Random(7541);
        for (int round = 0; round < 2_000; round++) {
            byte[] code = new byte[1 + random.nextInt(40)];
            random.nextBytes(code);
            String expected = BitByBit.decode(code);
            if (expected == null) {
                assertThrows(HpackException.class, () -> decode(code), ByteBufUtil.hexDump(code));
            } else {
                assertEquals(expected, decode(code), ByteBufUtil.hexDump(code));
            }
        }
    }

    @Test
    void anEmptyStringIsAnEmptyCode() {
        assertEquals("", encode(""));
        assertEquals("", decode(new byte[0]));
    }

    private static String encode(String plain) {
        ByteBuf out = Unpooled.buffer();
        HuffmanEncoder.encode(plain, out);
        return Hpack.hex(ByteBufUtil.getBytes(out));
    }

    private static String decode(byte[] code) {
        byte[] out = new byte[HuffmanDecoder.maxDecodedLength(code.length)];
        int length = HuffmanDecoder.decode(code, 0, code.length, out);
        return new String(out, 0, length, StandardCharsets.ISO_8859_1);
    }

    /** The reference: match the code against every symbol's code, one more bit at a time. */
    private static final class BitByBit {

        /** The decoded string, or null where RFC 7541 §5.2 calls the code an error. */
        static String decode(byte[] code) {
            StringBuilder out = new StringBuilder();
            long bits = 0;
            int length = 0;
            for (int i = 0; i < code.length * 8; i++) {
                bits = bits << 1 | ((code[i / 8] >> (7 - i % 8)) & 1);
                length++;
                int symbol = symbolOf(bits, length);
                if (symbol == HuffmanCode.EOS) {
                    return null;
                }
                if (symbol >= 0) {
                    out.append((char) symbol);
                    bits = 0;
                    length = 0;
                }
            }
            boolean padding = length <= 7 && bits == (1L << length) - 1;
            return padding ? out.toString() : null;
        }

        private static int symbolOf(long bits, int length) {
            for (int symbol = 0; symbol <= HuffmanCode.EOS; symbol++) {
                if (HuffmanCode.length(symbol) == length && HuffmanCode.code(symbol) == bits) {
                    return symbol;
                }
            }
            return -1;
        }
    }
}
