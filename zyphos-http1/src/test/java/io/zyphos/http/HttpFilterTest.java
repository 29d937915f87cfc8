package io.zyphos.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Filters wrap handlers like function composition, and a handler declares whether it blocks
 * (BLOCKING by default): a chain runs on the event loop only if every part of it is NON_BLOCKING.
 */
class HttpFilterTest {

    private static HttpFilter tracing(String name, List<String> trace) {
        return (request, next) -> {
            trace.add(name + " in");
            HttpResponse response = next.handle(request);
            response.headers().add("X-Trace", name);
            trace.add(name + " out");
            return response;
        };
    }

    @Test
    void filtersRunOutsideInAndSeeTheResponseInsideOut() throws Exception {
        List<String> trace = new ArrayList<>();
        HttpHandler handler = request -> {
            trace.add("handler");
            return HttpResponse.of(Status.NO_CONTENT);
        };
        HttpFilter chain = tracing("a", trace).andThen(tracing("b", trace));
        HttpResponse response = chain.wrap(handler).handle(HttpRequest.builder(Method.GET, "/").build());
        assertEquals(List.of("a in", "b in", "handler", "b out", "a out"), trace);
        assertEquals(List.of("b", "a"), response.headers().getAll("x-trace"));
    }

    @Test
    void aFilterCanAnswerWithoutCallingTheHandler() throws Exception {
        HttpFilter auth = (request, next) -> request.header(HeaderName.AUTHORIZATION) == null
                ? HttpResponse.of(Status.UNAUTHORIZED)
                : next.handle(request);
        HttpHandler secret = auth.wrap(request -> HttpResponse.of(Status.NO_CONTENT));
        assertEquals(Status.UNAUTHORIZED, secret.handle(HttpRequest.builder(Method.GET, "/").build()).status());
        assertEquals(Status.NO_CONTENT, secret.handle(HttpRequest.builder(Method.GET, "/")
                .header(HeaderName.AUTHORIZATION, "Bearer x").build()).status());
    }

    @Test
    void blockingIsTheDefaultAndIsContagious() {
        HttpHandler plain = request -> HttpResponse.of(Status.OK);
        HttpHandler fast = HttpHandler.nonBlocking(plain);
        HttpFilter plainFilter = (request, next) -> next.handle(request);
        HttpFilter fastFilter = HttpFilter.nonBlocking(plainFilter);

        assertSame(InvocationType.BLOCKING, plain.invocationType(), "a handler may block unless it says otherwise");
        assertSame(InvocationType.NON_BLOCKING, fast.invocationType());
        assertSame(InvocationType.NON_BLOCKING, fastFilter.wrap(fast).invocationType(), "all non-blocking: the loop");
        assertSame(InvocationType.BLOCKING, plainFilter.wrap(fast).invocationType(), "a blocking filter: a virtual thread");
        assertSame(InvocationType.BLOCKING, fastFilter.wrap(plain).invocationType(), "a blocking handler: a virtual thread");
        assertSame(InvocationType.NON_BLOCKING, fastFilter.andThen(fastFilter).invocationType());
        assertSame(InvocationType.BLOCKING, fastFilter.andThen(plainFilter).invocationType());
    }
}
