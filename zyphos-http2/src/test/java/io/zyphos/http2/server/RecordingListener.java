package io.zyphos.http2.server;

import io.netty.buffer.ByteBuf;
import io.zyphos.http.Headers;
import io.zyphos.http2.frame.Http2ErrorCode;
import io.zyphos.http2.frame.Http2Exception;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The application side of an engine under test: writes each event down as one line, keeps each
 * request's content as text, consumes what it is given unless told to hold it, and answers each
 * request with the {@link Responder} given (none by default).
 *
 * <pre>
 * request 1 GET https example.com /index.html u=3 end
 * data 3 5 end            trailers 3 {x-checksum=abc}
 * reset 5 CANCEL          writable 7        goaway 0 NO_ERROR       ended ENHANCE_YOUR_CALM
 * </pre>
 */
final class RecordingListener implements Http2ServerListener {

    /** What the application does with a request. */
    interface Responder {
        void onRequest(Http2ServerEngine engine, RequestHead head);
    }

    final List<String> events = new ArrayList<>();
    final Map<Integer, StringBuilder> content = new HashMap<>();
    final Map<Integer, Integer> unconsumed = new HashMap<>();
    Http2ServerEngine engine;
    Responder responder = (engine, head) -> { };
    boolean consumeAtOnce = true;
    Http2Exception endedWith;

    @Override
    public void onRequest(RequestHead head) {
        events.add("request " + head.streamId() + " " + head.method() + " " + head.scheme() + " " + head.authority() + " "
                + head.path() + (head.protocol() != null ? " :protocol=" + head.protocol() : "") + " u=" + head.urgency()
                + (head.incremental() ? " i" : "") + (head.endStream() ? " end" : ""));
        responder.onRequest(engine, head);
    }

    @Override
    public void onData(int streamId, ByteBuf data, boolean endStream) {
        events.add("data " + streamId + " " + data.readableBytes() + (endStream ? " end" : ""));
        content.computeIfAbsent(streamId, id -> new StringBuilder()).append(data.toString(StandardCharsets.ISO_8859_1));
        if (consumeAtOnce) {
            engine.consumed(streamId, data.readableBytes());
        } else {
            unconsumed.merge(streamId, data.readableBytes(), Integer::sum);
        }
    }

    /** The application reads what it held: credit goes back to the client. */
    void consumeHeld() {
        unconsumed.forEach(engine::consumed);
        unconsumed.clear();
    }

    @Override
    public void onTrailers(int streamId, Headers trailers) {
        events.add("trailers " + streamId + " " + fields(trailers));
    }

    @Override
    public void onStreamReset(int streamId, Http2ErrorCode code) {
        events.add("reset " + streamId + " " + code);
    }

    @Override
    public void onStreamWritable(int streamId) {
        events.add("writable " + streamId);
    }

    @Override
    public void onGoAway(int lastStreamId, Http2ErrorCode code, ByteBuf debugData) {
        events.add("goaway " + lastStreamId + " " + code);
    }

    @Override
    public void onConnectionEnded(Http2Exception error) {
        endedWith = error;
        events.add("ended " + (error == null ? "gracefully" : error.code()));
    }

    /** The events so far, then forgets them. */
    List<String> take() {
        List<String> taken = List.copyOf(events);
        events.clear();
        return taken;
    }

    static String fields(Headers headers) {
        StringBuilder s = new StringBuilder("{");
        for (int i = 0; i < headers.size(); i++) {
            s.append(i == 0 ? "" : ", ").append(headers.name(i).name()).append('=').append(headers.value(i));
        }
        return s.append('}').toString();
    }
}
