package io.zyphos.http2.hpack;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Seeded random header lists for the property and interop tests: names mostly from the ones real
 * traffic repeats (so the dynamic table gets hits, misses and evictions), some invented; values
 * of printable ASCII, now and then with octets above 0x7F, empty, or long. The same seed always
 * gives the same lists.
 */
final class RandomHeaderLists {

    /** A field of a generated list. */
    record Field(String name, String value) {}

    private static final String[] NAMES = {
        ":method", ":path", ":scheme", ":authority", ":status", "accept", "accept-encoding", "accept-language",
        "cache-control", "content-type", "content-length", "cookie", "authorization", "date", "etag", "location",
        "referer", "server", "set-cookie", "user-agent", "vary", "x-request-id", "x-forwarded-for", "priority",
        "sec-fetch-mode", "sec-ch-ua",
    };
    private static final String[] VALUES = {"GET", "/", "https", "200", "gzip", "*/*", "no-cache", "text/html", "cors"};

    private final Random random;

    RandomHeaderLists(long seed) {
        random = new Random(seed);
    }

    Random random() {
        return random;
    }

    /** A list of 1 to 20 fields. */
    List<Field> next() {
        int count = 1 + random.nextInt(20);
        List<Field> fields = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            fields.add(new Field(name(), value()));
        }
        return fields;
    }

    private String name() {
        if (random.nextInt(8) > 0) {
            return NAMES[random.nextInt(NAMES.length)];
        }
        StringBuilder name = new StringBuilder("x-");
        for (int i = random.nextInt(12); i >= 0; i--) {
            name.append((char) ('a' + random.nextInt(26)));
        }
        return name.toString();
    }

    private String value() {
        int kind = random.nextInt(20);
        if (kind < 4) {
            return VALUES[random.nextInt(VALUES.length)];
        }
        if (kind == 4) {
            return "";
        }
        int length = kind == 5 ? 100 + random.nextInt(400) : 1 + random.nextInt(30);
        boolean highOctets = kind == 6;
        StringBuilder value = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            value.append((char) (highOctets && random.nextInt(4) == 0 ? 0x80 + random.nextInt(0x80) : 0x20 + random.nextInt(0x5F)));
        }
        return value.toString();
    }
}
