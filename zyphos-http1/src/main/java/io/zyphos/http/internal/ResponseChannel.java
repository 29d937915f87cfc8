package io.zyphos.http.internal;

import io.zyphos.http.HttpRequest;
import io.zyphos.http.HttpResponse;
import io.zyphos.server.Connection;

/**
 * One exchange as its wire engine sees it, for the {@link ExchangeDriver}: where the request's
 * response goes. HTTP/1 writes a status line and fields, HTTP/2 a HEADERS frame on its stream; the
 * driver knows neither.
 *
 * <p>Every method but {@link #newSink} is called on the connection's thread.
 */
public interface ResponseChannel {

    /** The connection the exchange came on: its thread, and whether that thread may block. */
    Connection connection();

    /**
     * The request as the handler gets it, before the handler runs. The channel owns it from here
     * and {@linkplain HttpRequest#release() releases} it once the response is complete.
     */
    void started(HttpRequest request);

    /**
     * Sends {@code response}: its head, and its body unless the body is
     * {@linkplain io.zyphos.http.ResponseBody.Streamed streamed}. Takes ownership of the response.
     *
     * @param sink the sink a streamed body goes to, made by {@link #newSink} on another thread, or
     *     {@code null} to have one made here when the body streams
     * @return the sink the streamed body goes to, or {@code null} if none is sent (the response has
     *     no streamed body, or it answers HEAD, or the client is gone); a sink given and not used
     *     is closed, so its writer's writes are dropped
     */
    ChannelBodySink respond(HttpResponse response, ChannelBodySink sink);

    /** A sink for this exchange's streamed response body. Any thread. */
    ChannelBodySink newSink();

    /** Sends what is queued on the connection. */
    void flush();
}
