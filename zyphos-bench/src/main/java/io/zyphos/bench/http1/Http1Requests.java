package io.zyphos.bench.http1;

import java.nio.charset.StandardCharsets;

/** The fixed, realistic requests every HTTP/1 parsing benchmark parses. */
final class Http1Requests {

    private Http1Requests() {}

    /** What a browser sends for a page: about 500 bytes, 14 fields, no body. */
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
