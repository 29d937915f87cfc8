package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Query parameters: RFC 3986 §3.4 gives a query no structure; the {@code a=1&b=2} shape and
 * {@code +} as a space come from the form-urlencoded convention. Split first, then decode
 * (RFC 3986 §2.4), so an escaped {@code &} or {@code =} is data.
 */
class QueryParametersTest {

    @ParameterizedTest(name = "{0}: {1}={2}")
    @CsvSource(delimiter = '|', value = {
        "a=1&b=2          | b | 2         | two pairs",
        "q=hello+world    | q | hello world | '+' is a space in a query",
        "q=1%2B1%3D2      | q | 1+1=2     | escaped '+' and '=' are data",
        "q=a%26b=c        | q | a&b=c     | an escaped '&' does not split; the first '=' does",
        "flag&x=1         | flag | ''     | a name without '=' has the empty value",
        "a=1&&b=2         | b | 2         | empty pairs are skipped",
        "na%20me=v        | na me | v     | names are decoded too",
        "=v               | '' | v        | an empty name is still a name",
        "a=caf%C3%A9      | a | café      | UTF-8",
    })
    void first(String raw, String name, String value, String why) {
        assertEquals(value, QueryParameters.parse(raw).first(name), why);
    }

    @Test
    void repeatedNamesKeepEveryValueInOrder() {
        QueryParameters q = QueryParameters.parse("tag=a&x=1&tag=b&tag=");
        assertEquals(List.of("a", "b", ""), q.all("tag"));
        assertEquals("a", q.first("tag"));
        assertEquals(Set.of("tag", "x"), q.names());
        assertEquals(4, q.size());
        assertNull(q.first("missing"));
        assertEquals(List.of(), q.all("missing"));
    }

    @Test
    void noQueryIsEmpty() {
        assertEquals(0, QueryParameters.parse(null).size());
        assertEquals(0, QueryParameters.parse("").size());
    }

    @Test
    void decodingIsLazyAndABadEscapeIsA400WhenRead() {
        QueryParameters q = QueryParameters.parse("a=%C3");
        assertEquals("a=%C3", q.raw(), "parsing decodes nothing");
        HttpException e = assertThrows(HttpException.class, () -> q.first("a"), "not UTF-8");
        assertSame(Status.BAD_REQUEST, e.status());
    }
}
