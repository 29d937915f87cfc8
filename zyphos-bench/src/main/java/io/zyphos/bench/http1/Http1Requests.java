package io.zyphos.bench.http1;

import java.nio.charset.StandardCharsets;

/** The fixed, realistic requests every HTTP/1 parsing benchmark parses. */
final class Http1Requests {

    private Http1Requests() {}

    /** What a browser sends for a page: 551 bytes, 13 fields, no body. */
    static final String BROWSER_GET = "GET /docs/getting-started.html?lang=en HTTP/1.1\r\n"
            + "Host: www.example.com\r\n"
            + "User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8\r\n"
            + "Accept-Language: en-US,en;q=0.5\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Referer: https://www.example.com/\r\n"
            + "Connection: keep-alive\r\n"
            + "Cookie: session=3f2a9c81d7e64b5a; theme=dark; consent=1\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Priority: u=0, i\r\n"
            + "\r\n";

    /**
     * A header-heavy request: what a Chromium browser sends to a site that has set analytics and
     * session cookies, behind a proxy that adds its own fields: 1,618 bytes, 22 fields, a
     * 550-byte Cookie.
     */
    static final String HEADER_HEAVY = "GET /account/orders?page=2&sort=date&filter=shipped HTTP/1.1\r\n"
            + "Host: shop.example.com\r\n"
            + "Connection: keep-alive\r\n"
            + "sec-ch-ua: \"Chromium\";v=\"130\", \"Google Chrome\";v=\"130\", \"Not?A_Brand\";v=\"99\"\r\n"
            + "sec-ch-ua-mobile: ?0\r\n"
            + "sec-ch-ua-platform: \"Windows\"\r\n"
            + "Upgrade-Insecure-Requests: 1\r\n"
            + "User-Agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
            + "Chrome/130.0.0.0 Safari/537.36\r\n"
            + "Accept: text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,"
            + "*/*;q=0.8,application/signed-exchange;v=b3;q=0.7\r\n"
            + "Sec-Fetch-Site: same-origin\r\n"
            + "Sec-Fetch-Mode: navigate\r\n"
            + "Sec-Fetch-User: ?1\r\n"
            + "Sec-Fetch-Dest: document\r\n"
            + "Referer: https://shop.example.com/account/orders?page=1&sort=date&filter=shipped\r\n"
            + "Accept-Encoding: gzip, deflate, br, zstd\r\n"
            + "Accept-Language: en-GB,en-US;q=0.9,en;q=0.8,de;q=0.7,fr;q=0.6\r\n"
            + "Cookie: _ga=GA1.1.1234567890.1700000000; _ga_ABCDEF1234=GS1.1.1700000000.12.1.1700003600.0.0.0; "
            + "_gcl_au=1.1.987654321.1700000000; _fbp=fb.1.1700000000000.1234567890; "
            + "session=eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwi"
            + "aWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c; csrftoken=Xk3Bv9Qe7LmN2pR5tW8yZ1aC4dF6gH0j; "
            + "cart=%7B%22items%22%3A%5B%7B%22sku%22%3A%22A-1001%22%2C%22qty%22%3A2%7D%2C%7B%22sku%22%3A%22B-2002%22%2C"
            + "%22qty%22%3A1%7D%5D%7D; theme=dark; consent=analytics%2Cmarketing; locale=en-GB\r\n"
            + "If-None-Match: W/\"5f2b-1a9c3d7e\"\r\n"
            + "If-Modified-Since: Tue, 19 Nov 2024 08:12:31 GMT\r\n"
            + "Priority: u=0, i\r\n"
            + "X-Forwarded-For: 203.0.113.195, 198.51.100.17\r\n"
            + "X-Forwarded-Proto: https\r\n"
            + "X-Request-Id: 7f3c9a2e-41b8-4d6f-9e0a-5c1b2d3e4f60\r\n"
            + "\r\n";

    private static final String JSON = "{\"item\":\"widget-42\",\"quantity\":3,\"express\":true}";

    /** A small API call: POST with a JSON body. */
    static final String API_POST = "POST /api/v1/orders HTTP/1.1\r\n"
            + "Host: api.example.com\r\n"
            + "Content-Type: application/json\r\n"
            + "Accept: application/json\r\n"
            + "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiI0MiJ9.c2lnbmF0dXJl\r\n"
            + "Content-Length: " + JSON.length() + "\r\n"
            + "\r\n"
            + JSON;

    /** One TechEmpower-style plaintext request. */
    private static final String PLAINTEXT = "GET /plaintext HTTP/1.1\r\n"
            + "Host: localhost:8080\r\n"
            + "Accept: text/plain,text/html;q=0.9,application/xhtml+xml;q=0.9,application/xml;q=0.8,*/*;q=0.7\r\n"
            + "Connection: keep-alive\r\n"
            + "\r\n";

    /** Sixteen plaintext requests in one read, as a pipelining client sends them. */
    static final String PIPELINED_16 = PLAINTEXT.repeat(16);

    /** The request named by a benchmark parameter, as bytes. */
    static byte[] named(String name) {
        String request = switch (name) {
            case "browserGet" -> BROWSER_GET;
            case "headerHeavy" -> HEADER_HEAVY;
            case "apiPost" -> API_POST;
            case "pipelined16" -> PIPELINED_16;
            default -> throw new IllegalArgumentException(name);
        };
        return request.getBytes(StandardCharsets.US_ASCII);
    }

    /** How many requests the named input holds. */
    static int count(String name) {
        return name.equals("pipelined16") ? 16 : 1;
    }
}
