/**
 * The HTTP/1.0 and HTTP/1.1 wire engine (RFC 9112), sans-I/O: request bytes in, events out;
 * response commands in, bytes out.
 *
 * <ul>
 *   <li>{@link io.zyphos.http1.Http1RequestParser}: incremental, strict, allocation-free request
 *       parsing into {@link io.zyphos.http1.Http1Event}s; limits in
 *       {@link io.zyphos.http1.Http1ParserSettings}, rejections in
 *       {@link io.zyphos.http1.Http1Violation}.</li>
 *   <li>{@link io.zyphos.http1.Http1ResponseWriter}: status line, fields and body framing
 *       (Content-Length or chunked, with trailers) into the caller's buffer, and
 *       {@link io.zyphos.http1.DateHeaderCache} for the Date field.</li>
 * </ul>
 *
 * <p>Buffers follow the rules of {@link io.zyphos.buffer}: the parser takes ownership of what it
 * receives, hands ownership of body slices to the caller, and lends views of the head.
 */
package io.zyphos.http1;
