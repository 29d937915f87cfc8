package io.zyphos.bench.http2;

import java.util.ArrayList;
import java.util.List;

/**
 * The header lists {@link HpackBenchmark} encodes and decodes, written as a peer would send them
 * (names lowercase, pseudo-headers first).
 *
 * <ul>
 *   <li>{@code browser}: Chrome loading a page and nine of its assets on one connection, ten
 *       requests of 16 or 17 fields (a long user-agent, client hints, a cookie, fetch metadata).</li>
 *   <li>{@code indexed}: a small GET whose every field is in a table: the three static ones
 *       ({@code :method GET}, {@code :scheme https}, {@code :path /}) and {@code :authority}.</li>
 *   <li>{@code response}: a 200 for a page, eleven fields with a date, cache headers, security
 *       headers and a validator.</li>
 * </ul>
 */
final class HpackWorkloads {

    private static final String CHROME = """
            :method: GET
            :authority: shop.example.com
            :scheme: https
            :path: {path}
            sec-ch-ua: "Chromium";v="131", "Not_A Brand";v="24"
            sec-ch-ua-mobile: ?0
            sec-ch-ua-platform: "Linux"
            user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36
            accept: {accept}
            sec-fetch-site: {site}
            sec-fetch-mode: {mode}
            sec-fetch-dest: {dest}
            referer: https://shop.example.com/
            accept-encoding: gzip, deflate, br, zstd
            accept-language: en-US,en;q=0.9
            cookie: session=3f9a1c2e8b7d4f60a5e1c9b2d8f7a6e5; cart=2; consent=analytics%3Dno
            priority: {priority}
            """;

    private static final String IMAGES = "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8";

    /** path, destination, mode, accept, priority. */
    private static final String[][] ASSETS = {
        {"/", "document", "navigate", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,"
                + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7", "u=0, i"},
        {"/css/site.css", "style", "no-cors", "text/css,*/*;q=0.1", "u=0"},
        {"/js/app.js", "script", "no-cors", "*/*", "u=1"},
        {"/js/vendor.js", "script", "no-cors", "*/*", "u=1"},
        {"/img/logo.svg", "image", "no-cors", IMAGES, "u=1, i"},
        {"/img/hero.webp", "image", "no-cors", IMAGES, "u=1, i"},
        {"/fonts/inter.woff2", "font", "cors", "*/*", "u=0"},
        {"/api/session", "empty", "cors", "application/json", "u=1, i"},
        {"/img/avatar.png", "image", "no-cors", IMAGES, "u=2, i"},
        {"/favicon.ico", "image", "no-cors", IMAGES, "u=4, i"},
    };

    private static final String INDEXED = """
            :method: GET
            :scheme: https
            :path: /
            :authority: shop.example.com
            """;

    private static final String RESPONSE = """
            :status: 200
            content-type: text/html; charset=utf-8
            content-length: 18234
            date: Thu, 03 Dec 2026 12:00:00 GMT
            server: zyphos
            cache-control: private, max-age=0, must-revalidate
            etag: "5f3a-18234"
            vary: accept-encoding
            content-encoding: br
            strict-transport-security: max-age=63072000; includeSubDomains
            x-content-type-options: nosniff
            """;

    private HpackWorkloads() {}

    /** The header lists of {@code workload}, each a list of {name, value}. */
    static List<List<String[]>> named(String workload) {
        return switch (workload) {
            case "browser" -> browser();
            case "indexed" -> List.of(fields(INDEXED));
            case "response" -> List.of(fields(RESPONSE));
            default -> throw new IllegalArgumentException("no workload " + workload);
        };
    }

    private static List<List<String[]>> browser() {
        List<List<String[]>> requests = new ArrayList<>();
        for (String[] asset : ASSETS) {
            boolean page = asset[0].equals("/");
            String request = CHROME.replace("{path}", asset[0]).replace("{dest}", asset[1]).replace("{mode}", asset[2])
                    .replace("{accept}", asset[3]).replace("{priority}", asset[4])
                    .replace("{site}", page ? "none" : "same-origin");
            if (page) {
                request = request.replace("referer: https://shop.example.com/\n", "");
            }
            requests.add(fields(request));
        }
        return requests;
    }

    private static List<String[]> fields(String lines) {
        List<String[]> fields = new ArrayList<>();
        for (String line : lines.split("\n")) {
            int colon = line.indexOf(": ", 1);
            fields.add(new String[] {line.substring(0, colon), line.substring(colon + 2)});
        }
        return fields;
    }
}
