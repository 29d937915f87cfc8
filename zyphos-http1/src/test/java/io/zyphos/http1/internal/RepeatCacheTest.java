package io.zyphos.http1.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.zyphos.http.HeaderName;
import io.zyphos.http.Headers;
import io.zyphos.http1.Http1RequestHead;
import io.zyphos.http1.Http1RequestParser;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A kept-alive client repeats itself: the same target and field values, request after request.
 * The connection keeps the Strings it made for the last request and uses them again when the bytes
 * match, so a repeated request copies nothing; a changed byte makes a new String, and only for the
 * field it is in.
 */
class RepeatCacheTest {

    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\nUser-Agent: x\r\n\r\n";

    @Test
    void repeatedTargetsAndValuesAreTheSameStrings() {
        RepeatCache cache = new RepeatCache();
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer(REQUEST + REQUEST
                    + REQUEST.replace("example.com", "example.org")
                    + REQUEST.replace("\r\nUser-Agent: x", ""), StandardCharsets.US_ASCII));

            Headers headers = new Headers();
            String target = cache.read(head(parser), headers);
            assertEquals(List.of("example.com", "*/*", "x"), values(headers));

            Headers again = new Headers();
            assertSame(target, cache.read(head(parser), again));
            assertSame(headers.get(HeaderName.HOST), again.get(HeaderName.HOST));
            assertSame(headers.get(HeaderName.ACCEPT), again.get(HeaderName.ACCEPT));
            assertEquals(values(headers), values(again));

            Headers changed = new Headers();
            assertSame(target, cache.read(head(parser), changed));
            assertEquals(List.of("example.org", "*/*", "x"), values(changed));
            assertNotSame(headers.get(HeaderName.HOST), changed.get(HeaderName.HOST));
            assertSame(headers.get(HeaderName.ACCEPT), changed.get(HeaderName.ACCEPT), "the unchanged fields are still shared");
            assertSame(headers.get(HeaderName.USER_AGENT), changed.get(HeaderName.USER_AGENT), "also after a changed one");

            Headers fewer = changed;
            cache.read(head(parser), fewer);
            assertEquals(List.of("example.com", "*/*"), values(fewer), "a reused Headers holds only this request's fields");
        }
    }

    /** The next head, past the end of the message before it. */
    private static Http1RequestHead head(Http1RequestParser parser) {
        Object event = parser.nextEvent();
        while (!(event instanceof Http1RequestHead)) {
            event = parser.nextEvent();
        }
        return (Http1RequestHead) event;
    }

    private static List<String> values(Headers headers) {
        return IntStream.range(0, headers.size()).mapToObj(headers::value).toList();
    }
}
