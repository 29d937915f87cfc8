package io.zyphos.http2.hpack;

import java.util.List;

/**
 * The worked examples of RFC 7541 Appendix C, as the RFC prints them: for each header block, the
 * header list, the octets it is encoded as, and the dynamic table after it (newest entry first)
 * with the table's size. {@link HpackDecoderTest} decodes the octets into the lists and
 * {@link HpackEncoderTest} encodes the lists into the octets; both check the tables.
 */
final class RfcExamples {

    /** One header block of an example: the fields, their encoding, and the table it leaves. */
    record Block(String section, List<String> fields, String hex, List<String> table, long tableSize) {}

    /** Appendix C.3: three requests on one connection, table size 4096, no Huffman coding. */
    static final List<Block> C3_REQUESTS = List.of(
            new Block("C.3.1",
                    List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com"),
                    "8286 8441 0f77 7777 2e65 7861 6d70 6c65 2e63 6f6d",
                    List.of(":authority: www.example.com"), 57),
            new Block("C.3.2",
                    List.of(":method: GET", ":scheme: http", ":path: /", ":authority: www.example.com",
                            "cache-control: no-cache"),
                    "8286 84be 5808 6e6f 2d63 6163 6865",
                    List.of("cache-control: no-cache", ":authority: www.example.com"), 110),
            new Block("C.3.3",
                    List.of(":method: GET", ":scheme: https", ":path: /index.html", ":authority: www.example.com",
                            "custom-key: custom-value"),
                    "8287 85bf 400a 6375 7374 6f6d 2d6b 6579 0c63 7573 746f 6d2d 7661 6c75 65",
                    List.of("custom-key: custom-value", "cache-control: no-cache", ":authority: www.example.com"),
                    164));

    /** Appendix C.4: the same requests with every string Huffman-coded. */
    static final List<Block> C4_REQUESTS_HUFFMAN = List.of(
            new Block("C.4.1", C3_REQUESTS.get(0).fields(),
                    "8286 8441 8cf1 e3c2 e5f2 3a6b a0ab 90f4 ff",
                    C3_REQUESTS.get(0).table(), 57),
            new Block("C.4.2", C3_REQUESTS.get(1).fields(),
                    "8286 84be 5886 a8eb 1064 9cbf",
                    C3_REQUESTS.get(1).table(), 110),
            new Block("C.4.3", C3_REQUESTS.get(2).fields(),
                    "8287 85bf 4088 25a8 49e9 5ba9 7d7f 8925 a849 e95b b8e8 b4bf",
                    C3_REQUESTS.get(2).table(), 164));

    /** The table size of C.5 and C.6, small enough that entries are evicted. */
    static final int RESPONSE_TABLE_SIZE = 256;

    private static final String DATE_21 = "date: Mon, 21 Oct 2013 20:13:21 GMT";
    private static final String DATE_22 = "date: Mon, 21 Oct 2013 20:13:22 GMT";
    private static final String LOCATION = "location: https://www.example.com";
    private static final String COOKIE = "set-cookie: foo=ASDJKHQKBZXOQWEOPIUAXQWEOIU; max-age=3600; version=1";

    /** Appendix C.5: three responses, table size 256, no Huffman coding; the third evicts three entries. */
    static final List<Block> C5_RESPONSES = List.of(
            new Block("C.5.1",
                    List.of(":status: 302", "cache-control: private", DATE_21, LOCATION),
                    "4803 3330 3258 0770 7269 7661 7465 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133"
                            + " 2032 303a 3133 3a32 3120 474d 546e 1768 7474 7073 3a2f 2f77 7777 2e65 7861 6d70"
                            + " 6c65 2e63 6f6d",
                    List.of(LOCATION, DATE_21, "cache-control: private", ":status: 302"), 222),
            new Block("C.5.2",
                    List.of(":status: 307", "cache-control: private", DATE_21, LOCATION),
                    "4803 3330 37c1 c0bf",
                    List.of(":status: 307", LOCATION, DATE_21, "cache-control: private"), 222),
            new Block("C.5.3",
                    List.of(":status: 200", "cache-control: private", DATE_22, LOCATION, "content-encoding: gzip", COOKIE),
                    "88c1 611d 4d6f 6e2c 2032 3120 4f63 7420 3230 3133 2032 303a 3133 3a32 3220 474d"
                            + " 54c0 5a04 677a 6970 7738 666f 6f3d 4153 444a 4b48 514b 425a 584f 5157 454f 5049"
                            + " 5541 5851 5745 4f49 553b 206d 6178 2d61 6765 3d33 3630 303b 2076 6572 7369 6f6e"
                            + " 3d31",
                    List.of(COOKIE, "content-encoding: gzip", DATE_22), 215));

    /** Appendix C.6: the same responses Huffman-coded; the evictions are the same, counted in decoded octets. */
    static final List<Block> C6_RESPONSES_HUFFMAN = List.of(
            new Block("C.6.1", C5_RESPONSES.get(0).fields(),
                    "4882 6402 5885 aec3 771a 4b61 96d0 7abe 9410 54d4 44a8 2005 9504 0b81 66e0 82a6"
                            + " 2d1b ff6e 919d 29ad 1718 63c7 8f0b 97c8 e9ae 82ae 43d3",
                    C5_RESPONSES.get(0).table(), 222),
            new Block("C.6.2", C5_RESPONSES.get(1).fields(),
                    "4883 640e ffc1 c0bf",
                    C5_RESPONSES.get(1).table(), 222),
            new Block("C.6.3", C5_RESPONSES.get(2).fields(),
                    "88c1 6196 d07a be94 1054 d444 a820 0595 040b 8166 e084 a62d 1bff c05a 839b d9ab"
                            + " 77ad 94e7 821d d7f2 e6c7 b335 dfdf cd5b 3960 d5af 2708 7f36 72c1 ab27 0fb5 291f"
                            + " 9587 3160 65c0 03ed 4ee5 b106 3d50 07",
                    C5_RESPONSES.get(2).table(), 215));

    private RfcExamples() {}
}
