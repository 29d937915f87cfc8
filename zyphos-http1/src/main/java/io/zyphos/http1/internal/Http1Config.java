package io.zyphos.http1.internal;

import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HttpFilter;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.log.AccessLog;
import io.zyphos.http.Router;
import io.zyphos.http1.Http1ParserSettings;
import java.util.concurrent.Executor;

/**
 * What an {@code Http1Protocol} was built with, shared by all its connections. Immutable.
 *
 * @param router routes requests, or {@code null} when one {@code handler} takes them all
 * @param filter wraps every request, or {@code null}
 * @param errors answers every error the connection or a handler raises
 * @param accessLog gets a line for every request, or {@code null}
 */
public record Http1Config(
        Router router,
        HttpHandler handler,
        HttpFilter filter,
        Http1ParserSettings parserSettings,
        int maxPipelinedRequests,
        int maxAggregatedBodyBytes,
        Executor blockingExecutor,
        Http1Metrics metrics,
        ErrorHandler errors,
        AccessLog accessLog) {

    /** This configuration, counting into {@code counters}. */
    public Http1Config withMetrics(Http1Metrics counters) {
        return new Http1Config(router, handler, filter, parserSettings, maxPipelinedRequests, maxAggregatedBodyBytes,
                blockingExecutor, counters, errors, accessLog);
    }

    /**
     * The handler for {@code method} and {@code path}, with the route written into {@code match}.
     * The router always answers with a handler: the route's, or its 404, 405 or OPTIONS one.
     */
    HttpHandler route(Method method, String path, RouteMatch match) {
        if (router == null) {
            return handler;
        }
        router.find(method, path, match);
        return match.handler();
    }

    /** Where {@code handler}, with the filter around it, may answer {@code request}. */
    InvocationType invocationType(HttpHandler handler, HttpRequest request) {
        InvocationType type = handler.invocationType(request);
        return filter == null ? type : filter.invocationType().and(type);
    }

    /** Runs the filter, if any, and {@code handler}. */
    HttpResponse invoke(HttpHandler handler, HttpRequest request) throws Exception {
        return filter == null ? handler.handle(request) : filter.filter(request, handler);
    }
}
