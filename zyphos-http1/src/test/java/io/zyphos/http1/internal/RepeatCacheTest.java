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
import org.junit.jupiter.api.Test;

/**
 * A kept-alive client repeats itself: the same target and field values, request after request.
 * The connection keeps the Strings it made for the last request and uses them again when the bytes
 * match, so a repeated request copies nothing; a changed byte makes a new String.
 */
class RepeatCacheTest {

    private static final String REQUEST = "GET /plaintext HTTP/1.1\r\nHost: example.com\r\nAccept: */*\r\n\r\n";

    @Test
    void repeatedTargetsAndValuesAreTheSameStrings() {
        RepeatCache cache = new RepeatCache();
        try (Http1RequestParser parser = new Http1RequestParser()) {
            parser.receive(Unpooled.copiedBuffer(REQUEST + REQUEST
                    + REQUEST.replace("example.com", "example.org"), StandardCharsets.US_ASCII));

            Http1RequestHead first = (Http1RequestHead) parser.nextEvent();
            String target = cache.target(first);
            Headers headers = cache.headers(first.fields());
            parser.nextEvent();

            Http1RequestHead second = (Http1RequestHead) parser.nextEvent();
            assertSame(target, cache.target(second));
            Headers again = cache.headers(second.fields());
            assertSame(headers.get(HeaderName.HOST), again.get(HeaderName.HOST));
            assertSame(headers.get(HeaderName.ACCEPT), again.get(HeaderName.ACCEPT));
            parser.nextEvent();

            Http1RequestHead third = (Http1RequestHead) parser.nextEvent();
            assertSame(target, cache.target(third));
            Headers changed = cache.headers(third.fields());
            assertEquals("example.org", changed.get(HeaderName.HOST));
            assertNotSame(headers.get(HeaderName.HOST), changed.get(HeaderName.HOST));
            assertSame(headers.get(HeaderName.ACCEPT), changed.get(HeaderName.ACCEPT), "the unchanged field is still shared");
        }
    }
}
