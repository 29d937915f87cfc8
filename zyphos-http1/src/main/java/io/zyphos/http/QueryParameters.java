package io.zyphos.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The parameters of a query component, {@code a=1&b=2&a=3}, decoded: several values per name,
 * in the order they came.
 *
 * <p>RFC 3986 §3.4 gives the query no inner structure; the {@code name=value&...} shape and
 * {@code +} for a space are the {@code application/x-www-form-urlencoded} convention that HTML
 * forms and nearly every client use (WHATWG URL §5.1). So here, and only here, {@code +} decodes
 * to a space; a literal plus is sent as {@code %2B}. Each name and value is cut out at {@code &}
 * and {@code =} first and decoded after (RFC 3986 §2.4), so {@code %26} is an ampersand inside a
 * value. A pair without {@code =} has the empty value; empty pairs ({@code a=1&&b=2}) are skipped.
 *
 * <p>Nothing is decoded until a parameter is first asked for. A malformed escape or non-UTF-8
 * octets then throw {@link HttpException} 400, which the engine turns into the response.
 *
 * <p>Not thread-safe: it belongs to one request.
 */
public final class QueryParameters {

    private static final QueryParameters NONE = new QueryParameters("");

    private final String rawQuery;
    private List<String> names;
    private List<String> values;

    private QueryParameters(String rawQuery) {
        this.rawQuery = rawQuery;
    }

    /** The parameters of {@code rawQuery} (without the {@code ?}); none if it is null or empty. */
    public static QueryParameters parse(String rawQuery) {
        return rawQuery == null || rawQuery.isEmpty() ? NONE : new QueryParameters(rawQuery);
    }

    /** The first value of {@code name}, or {@code null}. */
    public String first(String name) {
        decode();
        int i = names.indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /** Every value of {@code name} in order; empty if none. */
    public List<String> all(String name) {
        decode();
        List<String> all = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equals(name)) {
                all.add(values.get(i));
            }
        }
        return all;
    }

    public boolean contains(String name) {
        decode();
        return names.contains(name);
    }

    /** The distinct names, in order of first appearance. */
    public Set<String> names() {
        decode();
        return Collections.unmodifiableSet(new LinkedHashSet<>(names));
    }

    /** The number of name-value pairs (a name given twice counts twice). */
    public int size() {
        decode();
        return names.size();
    }

    /** The query as sent, without the {@code ?}; empty if there was none. */
    public String raw() {
        return rawQuery;
    }

    private void decode() {
        if (names != null) {
            return;
        }
        List<String> n = new ArrayList<>();
        List<String> v = new ArrayList<>();
        int start = 0;
        int length = rawQuery.length();
        while (start <= length) {
            int amp = rawQuery.indexOf('&', start);
            int end = amp < 0 ? length : amp;
            if (end > start) {
                int eq = rawQuery.indexOf('=', start);
                int nameEnd = eq < 0 || eq > end ? end : eq;
                n.add(PercentEncoding.decode(rawQuery, start, nameEnd, true));
                v.add(nameEnd == end ? "" : PercentEncoding.decode(rawQuery, nameEnd + 1, end, true));
            }
            start = end + 1;
        }
        names = n;
        values = v;
    }

    @Override
    public String toString() {
        return rawQuery;
    }
}
