/**
 * What every HTTP version's server engine shares above its wire format, exported only to the
 * modules of the other versions: the {@link io.zyphos.http.internal.ExchangeDriver} (routing,
 * filters, where a handler runs, a throw turned into its status, the hand-off back to the
 * connection), and the two ends of a streamed body, {@link io.zyphos.http.internal.ChannelBodySink}
 * (a response written by a handler) and {@link io.zyphos.http.internal.RequestContentQueue} (a
 * request read by one), each with its backpressure. A version plugs in a
 * {@link io.zyphos.http.internal.ResponseChannel} per exchange: how a response goes out on its
 * wire, and nothing else.
 */
package io.zyphos.http.internal;
