package io.zyphos.http.internal;

import io.zyphos.http.BodyWriter;
import io.zyphos.http.ErrorHandler;
import io.zyphos.http.HttpException;
import io.zyphos.http.HttpHandler;
import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.http.HttpService;
import io.zyphos.http.InvocationType;
import io.zyphos.http.Method;
import io.zyphos.http.ResponseBody;
import io.zyphos.http.RouteMatch;
import io.zyphos.http.Status;
import io.zyphos.metrics.Counter;
import io.zyphos.server.Connection;
import java.lang.System.Logger.Level;
import java.util.concurrent.RejectedExecutionException;

/**
 * Runs one request's handler and brings its response back to the connection, the same way for
 * every HTTP version: routing, the filter, where the handler runs ({@link InvocationType}), a
 * throw turned into the status it asks for, a full executor turned into 503, and a streamed body's
 * writer started where its handler ran. What the response looks like on the wire is the
 * {@link ResponseChannel}'s.
 *
 * <p>One driver per protocol, shared by its connections: it holds nothing of any exchange.
 */
public final class ExchangeDriver {

    private static final System.Logger LOG = System.getLogger(ExchangeDriver.class.getName());

    /** What a 503 for a full executor says, in the words the error hook is given. */
    private static final String NO_WORKER = "no worker is free to run this request now (RFC 9110 §15.6.4)";

    private final HttpService service;
    private final Counter handlerFailures;

    /**
     * @param handlerFailures counts handlers that threw something other than an {@link HttpException}
     */
    public ExchangeDriver(HttpService service, Counter handlerFailures) {
        this.service = service;
        this.handlerFailures = handlerFailures;
    }

    public HttpService service() {
        return service;
    }

    public ErrorHandler errors() {
        return service.errorHandler();
    }

    /**
     * Routes, runs and answers one request. The handler runs on the connection's thread when it
     * is non-blocking, or when it may block and the connection has a thread of its own (unless
     * that thread must still read the body); otherwise on the service's blocking executor. Either
     * way the response reaches {@link ResponseChannel#respond} on the connection's thread.
     *
     * @param request the request so far, without its route; built here
     * @param match the connection's route match, reused from request to request; a handler on
     *     another thread gets a copy
     * @param bodyStillArriving whether the connection's thread must still read the request body
     *     while the handler runs
     */
    public void dispatch(ResponseChannel channel, HttpRequest.Builder request, Method method, String path,
            RouteMatch match, boolean bodyStillArriving) {
        Connection conn = channel.connection();
        HttpHandler handler = route(method, path, match);
        boolean routed = service.router() != null;
        HttpRequest probe = request.route(routed ? match : null).build();
        InvocationType type = invocationType(handler, probe);
        boolean inline = type == InvocationType.NON_BLOCKING || (conn.hasOwnThread() && !bodyStillArriving);
        // The match is the connection's, reused for the next request: a handler on another
        // thread gets a copy of its own.
        HttpRequest req = inline || !routed ? probe : request.route(match.copy()).build();
        channel.started(req);
        if (inline) {
            if (type == InvocationType.BLOCKING) {
                // The connection's own thread is about to wait on this handler: responses already
                // queued for earlier requests go out now rather than wait with it.
                channel.flush();
            }
            HttpResponse response = invoke(handler, req);
            BodyWriter writer = response.body() instanceof ResponseBody.Streamed(BodyWriter w) ? w : null;
            ChannelBodySink sink = channel.respond(response, null);
            if (writer != null && sink != null) {
                runBodyWriter(sink, writer);
            }
            return;
        }
        try {
            service.blockingExecutor().execute(() -> {
                HttpResponse response = invoke(handler, req);
                if (response.body() instanceof ResponseBody.Streamed(BodyWriter writer)) {
                    // The sink reaches the channel through the connection's task queue, which
                    // publishes it to that thread ahead of every write the writer queues.
                    ChannelBodySink sink = channel.newSink();
                    conn.execute(() -> {
                        channel.respond(response, sink);
                        channel.flush();
                    });
                    // The writer runs where its handler ran (BodyWriter): here. If the head could
                    // not be sent, the sink is closed and the writes are dropped.
                    runBodyWriter(sink, writer);
                } else {
                    conn.execute(() -> {
                        channel.respond(response, null);
                        channel.flush();
                    });
                }
            });
        } catch (RejectedExecutionException full) {
            channel.respond(errors().respond(req, Status.SERVICE_UNAVAILABLE, NO_WORKER), null);
        }
    }

    /**
     * The handler for {@code method} and {@code path}, with the route written into {@code match}.
     * The router always answers with a handler: the route's, or its 404, 405 or OPTIONS one.
     */
    private HttpHandler route(Method method, String path, RouteMatch match) {
        if (service.router() == null) {
            return service.handler();
        }
        service.router().find(method, path, match);
        return match.handler();
    }

    /** Where {@code handler}, with the filter around it, may answer {@code request}. */
    private InvocationType invocationType(HttpHandler handler, HttpRequest request) {
        InvocationType type = handler.invocationType(request);
        return service.filter() == null ? type : service.filter().invocationType().and(type);
    }

    /** Calls the filter and handler; a throw becomes the response it asks for, or a 500. Never null. */
    private HttpResponse invoke(HttpHandler handler, HttpRequest request) {
        try {
            HttpResponse response = service.filter() == null ? handler.handle(request) : service.filter().filter(request, handler);
            if (response == null) {
                throw new NullPointerException("handler returned no response");
            }
            return response;
        } catch (HttpException e) {
            return errors().respond(request, e);
        } catch (Exception | LinkageError | AssertionError e) {
            handlerFailures.increment();
            LOG.log(Level.WARNING, "handler failed on " + request, e);
            return errors().respond(request, e);
        }
    }

    private static void runBodyWriter(ChannelBodySink sink, BodyWriter writer) {
        try {
            writer.writeTo(sink);
        } catch (Exception | LinkageError | AssertionError failure) {
            LOG.log(Level.WARNING, "body writer failed", failure);
            sink.fail(failure);
        }
    }
}
