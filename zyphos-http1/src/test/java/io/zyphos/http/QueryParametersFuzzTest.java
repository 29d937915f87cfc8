package io.zyphos.http;

import static io.zyphos.http.RefusalAssertions.assertBadRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * A query that passed the request-target's checks reads as the form-urlencoded pairs it spells
 * (WHATWG URL §5.1, decoded per RFC 3986 §2.4 after the cut at {@code &} and {@code =}), or, when
 * its octets are not UTF-8, is refused with 400 on every access. Pairs encoded by the JDK's
 * URLEncoder read back as they were. The fuzz lesson for QueryParameters.
 *
 * <p>The first byte chooses the run: odd, the rest (read as UTF-8) becomes name-value pairs,
 * encoded and read back; even, the rest is the query as a client sends it.
 */
class QueryParametersFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void aQueryReadsAsThePairsItSpells(byte[] data) {
        FuzzInput in = new FuzzInput(data);
        if (in.flag()) {
            assertEncodedPairsReadBack(in);
            return;
        }
        String raw = "/?" + in.rest();
        String rawQuery;
        try {
            rawQuery = RequestTarget.parse(raw).rawQuery();
        } catch (HttpException refused) {
            assertBadRequest(refused);
            return;
        }
        List<String[]> pairs = new ArrayList<>();
        boolean valid = true;
        for (String pair : rawQuery.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            valid &= name != null && value != null;
            pairs.add(new String[] {name, value});
        }
        QueryParameters query = QueryParameters.parse(rawQuery);
        assertEquals(rawQuery, query.raw());
        if (!valid) {
            assertBadRequest(assertThrows(HttpException.class, query::size, rawQuery));
            assertBadRequest(assertThrows(HttpException.class, () -> query.first("a"), "and again: " + rawQuery));
            return;
        }
        assertReads(pairs, query);
    }

    private static void assertEncodedPairsReadBack(FuzzInput in) {
        String text = new String(in.restBytes(), StandardCharsets.UTF_8);
        List<String[]> pairs = new ArrayList<>();
        StringBuilder raw = new StringBuilder();
        // Any character may stand in the pairs; NUL separates them, SOH a name from its value.
        for (String pair : text.split("\0", -1)) {
            int cut = pair.indexOf('\1');
            String name = cut < 0 ? pair : pair.substring(0, cut);
            String value = cut < 0 ? "" : pair.substring(cut + 1);
            if (name.isEmpty() && cut < 0) {
                continue;
            }
            pairs.add(new String[] {name, value});
            raw.append(raw.isEmpty() ? "" : "&").append(URLEncoder.encode(name, StandardCharsets.UTF_8))
                    .append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
        assertReads(pairs, QueryParameters.parse(raw.toString()));
    }

    private static void assertReads(List<String[]> pairs, QueryParameters query) {
        String shown = query.raw();
        assertEquals(pairs.size(), query.size(), shown);
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (String[] pair : pairs) {
            names.add(pair[0]);
        }
        assertEquals(List.copyOf(names), List.copyOf(query.names()), shown);
        for (String name : names) {
            List<String> values = new ArrayList<>();
            for (String[] pair : pairs) {
                if (pair[0].equals(name)) {
                    values.add(pair[1]);
                }
            }
            assertTrue(query.contains(name), shown);
            assertEquals(values, query.all(name), () -> name + " in " + shown);
            assertEquals(values.getFirst(), query.first(name), () -> name + " in " + shown);
        }
    }

    /** application/x-www-form-urlencoded decoding of checked URI text: null if its octets are not UTF-8. */
    private static String decode(String s) {
        byte[] octets = new byte[s.length()];
        int n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%') {
                octets[n++] = (byte) Integer.parseInt(s.substring(i + 1, i + 3), 16);
                i += 2;
            } else {
                octets[n++] = (byte) (c == '+' ? ' ' : c);
            }
        }
        byte[] bytes = Arrays.copyOf(octets, n);
        String text = new String(bytes, StandardCharsets.UTF_8);
        return Arrays.equals(bytes, text.getBytes(StandardCharsets.UTF_8)) ? text : null;
    }
}
