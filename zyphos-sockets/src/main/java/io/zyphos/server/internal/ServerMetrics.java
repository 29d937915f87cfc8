package io.zyphos.server.internal;

import io.zyphos.metrics.Counter;
import io.zyphos.metrics.LatencyHistogram;
import io.zyphos.metrics.MetricsRegistry;

/** The transport's counters, registered once per server. Updated from every thread, lock-free. */
public final class ServerMetrics {

    public final Counter accepted;
    public final Counter rejected;
    public final Counter closed;
    public final Counter halfClosed;
    public final Counter resets;
    public final Counter idleTimeouts;
    public final Counter readTimeouts;
    public final Counter unknownProtocol;
    public final Counter handlerErrors;
    public final Counter acceptBackoffs;
    public final Counter bytesRead;
    public final Counter bytesWritten;
    public final Counter readPauses;
    public final Counter protocolSwitches;
    public final LatencyHistogram lifetimes;

    public ServerMetrics(MetricsRegistry r, ConnectionRegistry connections) {
        accepted = r.counter("zyphos_connections_accepted_total", "Connections accepted.");
        rejected = r.counter("zyphos_connections_rejected_total",
                "Connections closed at once because the server was at its connection limit.");
        closed = r.counter("zyphos_connections_closed_total", "Connections closed, for any reason.");
        halfClosed = r.counter("zyphos_connections_half_closed_total",
                "Connections whose peer closed its sending side first.");
        resets = r.counter("zyphos_connection_resets_total",
                "Connections ended by an error of their socket: a reset, a broken pipe, a network timeout.");
        idleTimeouts = r.counter("zyphos_idle_timeouts_total", "Connections closed for moving no byte within the idle timeout.");
        readTimeouts = r.counter("zyphos_read_timeouts_total",
                "Connections closed for not sending enough bytes to choose a protocol within the read timeout.");
        unknownProtocol = r.counter("zyphos_unknown_protocol_total",
                "Connections closed because no protocol recognised their first bytes.");
        handlerErrors = r.counter("zyphos_handler_errors_total",
                "Connections closed because protocol code threw an exception.");
        acceptBackoffs = r.counter("zyphos_accept_backoffs_total",
                "Times accepting paused because the process ran out of file descriptors.");
        bytesRead = r.counter("zyphos_bytes_read_total", "Bytes read from sockets.");
        bytesWritten = r.counter("zyphos_bytes_written_total", "Bytes written to sockets.");
        readPauses = r.counter("zyphos_read_pauses_total",
                "Times a connection stopped reading because its write queue passed the high watermark.");
        protocolSwitches = r.counter("zyphos_protocol_switches_total",
                "Live connections moved to another protocol (an HTTP/1.1 Upgrade to h2c or WebSocket).");
        lifetimes = r.histogram("zyphos_connection_lifetime_seconds", "How long connections stayed open.");
        r.gauge("zyphos_connections_open", "Connections open now.", connections::open);
    }
}
