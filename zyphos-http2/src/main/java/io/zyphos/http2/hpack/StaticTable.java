package io.zyphos.http2.hpack;

import java.util.HashMap;
import java.util.Map;

/**
 * The static table of RFC 7541 Appendix A: 61 fields every HPACK endpoint knows, at indexes 1 to
 * 61 (RFC 7541 §2.3.1). Its names and values are String constants, so a decoded field that comes
 * from here allocates nothing. Entries that share a name are adjacent, which lets
 * {@link #indexOf(String, String)} look the name up once and scan its few values.
 */
final class StaticTable {

    /** Index of the last static entry; dynamic entries follow from 62 on (RFC 7541 §2.3.3). */
    static final int LENGTH = 61;

    private static final String[][] ENTRIES = {
        {":authority", ""}, // 1
        {":method", "GET"}, // 2
        {":method", "POST"}, // 3
        {":path", "/"}, // 4
        {":path", "/index.html"}, // 5
        {":scheme", "http"}, // 6
        {":scheme", "https"}, // 7
        {":status", "200"}, // 8
        {":status", "204"}, // 9
        {":status", "206"}, // 10
        {":status", "304"}, // 11
        {":status", "400"}, // 12
        {":status", "404"}, // 13
        {":status", "500"}, // 14
        {"accept-charset", ""}, // 15
        {"accept-encoding", "gzip, deflate"}, // 16
        {"accept-language", ""}, // 17
        {"accept-ranges", ""}, // 18
        {"accept", ""}, // 19
        {"access-control-allow-origin", ""}, // 20
        {"age", ""}, // 21
        {"allow", ""}, // 22
        {"authorization", ""}, // 23
        {"cache-control", ""}, // 24
        {"content-disposition", ""}, // 25
        {"content-encoding", ""}, // 26
        {"content-language", ""}, // 27
        {"content-length", ""}, // 28
        {"content-location", ""}, // 29
        {"content-range", ""}, // 30
        {"content-type", ""}, // 31
        {"cookie", ""}, // 32
        {"date", ""}, // 33
        {"etag", ""}, // 34
        {"expect", ""}, // 35
        {"expires", ""}, // 36
        {"from", ""}, // 37
        {"host", ""}, // 38
        {"if-match", ""}, // 39
        {"if-modified-since", ""}, // 40
        {"if-none-match", ""}, // 41
        {"if-range", ""}, // 42
        {"if-unmodified-since", ""}, // 43
        {"last-modified", ""}, // 44
        {"link", ""}, // 45
        {"location", ""}, // 46
        {"max-forwards", ""}, // 47
        {"proxy-authenticate", ""}, // 48
        {"proxy-authorization", ""}, // 49
        {"range", ""}, // 50
        {"referer", ""}, // 51
        {"refresh", ""}, // 52
        {"retry-after", ""}, // 53
        {"server", ""}, // 54
        {"set-cookie", ""}, // 55
        {"strict-transport-security", ""}, // 56
        {"transfer-encoding", ""}, // 57
        {"user-agent", ""}, // 58
        {"vary", ""}, // 59
        {"via", ""}, // 60
        {"www-authenticate", ""}, // 61
    };

    private static final String[] NAMES = new String[LENGTH + 1];
    private static final String[] VALUES = new String[LENGTH + 1];
    /** Name to the lowest index that has it. */
    private static final Map<String, Integer> FIRST_INDEX = new HashMap<>();

    static {
        for (int i = 1; i <= LENGTH; i++) {
            NAMES[i] = ENTRIES[i - 1][0].intern();
            VALUES[i] = ENTRIES[i - 1][1].intern();
            FIRST_INDEX.putIfAbsent(NAMES[i], i);
        }
    }

    private StaticTable() {}

    /** The name at {@code index}, 1 to {@link #LENGTH}. */
    static String name(int index) {
        return NAMES[index];
    }

    /** The value at {@code index}, 1 to {@link #LENGTH}; empty for most. */
    static String value(int index) {
        return VALUES[index];
    }

    /** The lowest index whose name is {@code name}, or 0. */
    static int indexOfName(String name) {
        Integer index = FIRST_INDEX.get(name);
        return index == null ? 0 : index;
    }

    /**
     * The index of the entry with this name and value; or, if there is none, minus the lowest
     * index with this name; or 0 if the name is not here either.
     */
    static int indexOf(String name, String value) {
        int first = indexOfName(name);
        if (first == 0) {
            return 0;
        }
        for (int i = first; i <= LENGTH && NAMES[i].equals(name); i++) {
            if (VALUES[i].equals(value)) {
                return i;
            }
        }
        return -first;
    }
}
