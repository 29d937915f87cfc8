package io.zyphos.http1;

import io.netty.buffer.ByteBuf;

/**
 * What {@link Http1RequestParser#nextEvent()} returns: the parts of each request in wire order,
 * or that more bytes are needed, or the end.
 *
 * <p>For every request the parser emits one {@link Http1RequestHead}, zero or more {@link Body}
 * events, then one {@link EndOfMessage}; then the next request's head, and so on (pipelining).
 * Between them it may return {@link NeedData}. It ends with {@link InputClosed} when the input
 * ended between requests, or with {@link ProtocolError} when the peer broke the protocol; both
 * are terminal, and every later call returns the same event.
 *
 * <pre>{@code
 * switch (parser.nextEvent()) {
 *     case Http1RequestHead head -> route(head);
 *     case Http1Event.Body body -> consume(body.content());        // ownership passes to you
 *     case Http1Event.EndOfMessage end -> respond(end.trailers());
 *     case Http1Event.NeedData needData -> read();
 *     case Http1Event.InputClosed closed -> close();
 *     case Http1Event.ProtocolError error -> answerAndClose(error.status());
 * }
 * }</pre>
 */
public sealed interface Http1Event
        permits Http1RequestHead, Http1Event.Body, Http1Event.EndOfMessage, Http1Event.NeedData,
                Http1Event.InputClosed, Http1Event.ProtocolError {

    /** The single {@link NeedData} instance. */
    NeedData NEED_DATA = new NeedData();

    /** The single {@link InputClosed} instance. */
    InputClosed INPUT_CLOSED = new InputClosed();

    /**
     * The parser has used every byte it was given and needs more before it can say anything.
     * Call {@link Http1RequestParser#receive} (or {@link Http1RequestParser#endOfInput}).
     */
    record NeedData() implements Http1Event {}

    /**
     * Some bytes of the request body, in order, with any chunked framing removed.
     *
     * <p>{@link #content()} is a retained slice of the received bytes and <b>ownership passes to
     * the receiver of this event</b>, which must release it. It is never empty.
     *
     * <p>Like {@link Http1RequestHead}, the event object is the parser's own, reused for every
     * chunk so that a body allocates nothing but its slice: take the content before the next
     * {@code nextEvent()} call. The slice itself is yours for as long as you hold it.
     */
    final class Body implements Http1Event {

        private ByteBuf content;

        Body() {}

        /** Points this event at the next chunk; the parser's. */
        Body with(ByteBuf next) {
            content = next;
            return this;
        }

        /** Body bytes; the receiver releases them. */
        public ByteBuf content() {
            return content;
        }

        @Override
        public String toString() {
            return "Body[" + (content == null ? 0 : content.readableBytes()) + " bytes]";
        }
    }

    /**
     * The request is complete. Its response may now be written; the next event belongs to the
     * next request.
     *
     * @param trailers the trailer section of a chunked body (RFC 9112 §7.1.2), empty otherwise;
     *     a view valid on the same terms as {@link Http1RequestHead}
     */
    record EndOfMessage(Http1Fields trailers) implements Http1Event {}

    /** The input ended between two requests: a clean close. Terminal. */
    record InputClosed() implements Http1Event {}

    /**
     * The peer broke the protocol. Terminal: answer with {@link #status()} and close the
     * connection, never reading another request from it (RFC 9112 §11.2).
     *
     * @param violation the rule that was broken
     * @param detail what was seen, for logs; never sent to the peer
     */
    record ProtocolError(Http1Violation violation, String detail) implements Http1Event {
        /** The status to answer with: 400, 413, 414, 431, 501 or 505. */
        public int status() {
            return violation.status();
        }
    }
}
