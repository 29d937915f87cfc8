package io.zyphos.http2.hpack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What HPACK is for (RFC 7541 §1): a browser loading a page and nine of its assets over one
 * connection sends nearly the same twenty fields ten times, and after the first request most of
 * them are one octet each, an index into the dynamic table. The lesson measures the octets saved
 * against the fields as they would be written in HTTP/1.1 ({@code name: value\r\n}), and asserts
 * the roadmap's minimum of 30% (milestone 23). It is a ratio of octets, not a timing.
 */
class CompressionRatioTest {

    /** The page, then what it links to, as Chrome fetches them. */
    static final String[][] PAGE_AND_ASSETS = {
        {"/", "document", "navigate", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", "u=0, i"},
        {"/css/site.css", "style", "no-cors", "text/css,*/*;q=0.1", "u=0"},
        {"/js/app.js", "script", "no-cors", "*/*", "u=1"},
        {"/js/vendor.js", "script", "no-cors", "*/*", "u=1"},
        {"/img/logo.svg", "image", "no-cors", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "u=1, i"},
        {"/img/hero.webp", "image", "no-cors", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "u=1, i"},
        {"/fonts/inter.woff2", "font", "cors", "*/*", "u=0"},
        {"/api/session", "empty", "cors", "application/json", "u=1, i"},
        {"/img/avatar.png", "image", "no-cors", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "u=2, i"},
        {"/favicon.ico", "image", "no-cors", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8", "u=4, i"},
    };

    /** The header list of request {@code i}, in Chrome's order. */
    static List<String[]> request(int i) {
        String[] asset = PAGE_AND_ASSETS[i];
        boolean page = i == 0;
        List<String[]> fields = new ArrayList<>(List.of(
                new String[] {":method", "GET"},
                new String[] {":authority", "shop.example.com"},
                new String[] {":scheme", "https"},
                new String[] {":path", asset[0]},
                new String[] {"sec-ch-ua", "\"Chromium\";v=\"131\", \"Not_A Brand\";v=\"24\""},
                new String[] {"sec-ch-ua-mobile", "?0"},
                new String[] {"sec-ch-ua-platform", "\"Linux\""}));
        if (page) {
            fields.add(new String[] {"upgrade-insecure-requests", "1"});
        }
        fields.add(new String[] {"user-agent", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko)"
                + " Chrome/131.0.0.0 Safari/537.36"});
        fields.add(new String[] {"accept", asset[3]});
        fields.add(new String[] {"sec-fetch-site", page ? "none" : "same-origin"});
        fields.add(new String[] {"sec-fetch-mode", asset[2]});
        if (page) {
            fields.add(new String[] {"sec-fetch-user", "?1"});
        }
        fields.add(new String[] {"sec-fetch-dest", asset[1]});
        if (!page) {
            fields.add(new String[] {"referer", "https://shop.example.com/"});
        }
        fields.add(new String[] {"accept-encoding", "gzip, deflate, br, zstd"});
        fields.add(new String[] {"accept-language", "en-US,en;q=0.9"});
        fields.add(new String[] {"cookie", "session=3f9a1c2e8b7d4f60a5e1c9b2d8f7a6e5; cart=2; consent=analytics%3Dno"});
        fields.add(new String[] {"priority", asset[4]});
        return fields;
    }

    @Test
    void tenRequestsForAPageAndItsAssetsCompressByMoreThanThirtyPercent() {
        HpackEncoder encoder = new HpackEncoder();
        HpackDecoder decoder = new HpackDecoder();
        long plain = 0;
        long compressed = 0;
        StringBuilder report = new StringBuilder("request  HTTP/1.1 fields  HPACK\n");
        for (int i = 0; i < PAGE_AND_ASSETS.length; i++) {
            ByteBuf block = Unpooled.buffer();
            long fieldOctets = 0;
            encoder.beginBlock(block);
            for (String[] field : request(i)) {
                encoder.encodeField(block, field[0], field[1]);
                fieldOctets += field[0].length() + 2 + field[1].length() + 2;
            }
            int blockOctets = block.readableBytes();
            List<String> decoded = new ArrayList<>();
            decoder.decode(block, (name, value, neverIndexed) -> decoded.add(name + ": " + value));
            assertEquals(request(i).stream().map(f -> f[0] + ": " + f[1]).toList(), decoded);
            plain += fieldOctets;
            compressed += blockOctets;
            report.append(String.format("%-20s %5d  %5d%n", PAGE_AND_ASSETS[i][0], fieldOctets, blockOctets));
        }
        double saved = 1 - (double) compressed / plain;
        report.append(String.format("total %d -> %d octets: %.1f%% saved%n", plain, compressed, 100 * saved));
        System.out.print(report);
        assertTrue(saved >= 0.30, report::toString);
    }
}
