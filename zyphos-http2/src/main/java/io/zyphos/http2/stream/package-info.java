/**
 * HTTP/2 streams and flow control (RFC 9113 §5.1, §5.2, §6.9), sans-I/O: the pieces a connection
 * engine drives, each with one job.
 *
 * <ul>
 *   <li>{@link io.zyphos.http2.stream.StreamState}, {@link io.zyphos.http2.stream.StreamEvent}: the
 *       states and the diagram of §5.1.</li>
 *   <li>{@link io.zyphos.http2.stream.ReceiveRules}, {@link io.zyphos.http2.stream.StreamFrame},
 *       {@link io.zyphos.http2.stream.Verdict}: what each frame received in each state does, as a
 *       table.</li>
 *   <li>{@link io.zyphos.http2.stream.StreamRegistry}, {@link io.zyphos.http2.stream.Http2Stream}:
 *       the streams of a connection by identifier, §5.1.1 and §5.1.2, the recently closed ones.</li>
 *   <li>{@link io.zyphos.http2.stream.FlowControlWindow} (sending),
 *       {@link io.zyphos.http2.stream.ReceiveWindow} and
 *       {@link io.zyphos.http2.stream.WindowUpdatePolicy} (receiving): §5.2, §6.9.</li>
 *   <li>{@link io.zyphos.http2.stream.ResetBudget}, {@link io.zyphos.http2.stream.ControlFrameBudget}:
 *       when a peer's resets or idle frames look like an attack (§10.5).</li>
 * </ul>
 *
 * <p>Nothing here reads a clock (time comes in as {@code nowNanos}), holds a buffer or is
 * thread-safe: one event loop owns a connection and all of its pieces.
 */
package io.zyphos.http2.stream;
