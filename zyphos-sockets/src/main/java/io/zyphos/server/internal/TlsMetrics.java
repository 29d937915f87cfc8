package io.zyphos.server.internal;

import io.zyphos.metrics.Counter;
import io.zyphos.metrics.LatencyHistogram;
import io.zyphos.metrics.MetricsRegistry;
import io.zyphos.tls.TlsException;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/**
 * The TLS layer's counters, registered once per server that has TLS: handshakes completed and how
 * long they took, and failures by {@link TlsException.Reason}, one counter each (the registry has
 * no labels), such as {@code zyphos_tls_failures_handshake_timeout_total}. Lock-free from any thread.
 */
public final class TlsMetrics {

    public final Counter handshakes;
    public final Counter handshakeFailures;
    public final LatencyHistogram handshakeTimes;
    private final Map<TlsException.Reason, Counter> failures = new EnumMap<>(TlsException.Reason.class);

    public TlsMetrics(MetricsRegistry r) {
        handshakes = r.counter("zyphos_tls_handshakes_total", "TLS handshakes completed.");
        handshakeFailures = r.counter("zyphos_tls_handshake_failures_total",
                "TLS handshakes that failed, for any reason (the failures_<reason> counters say which).");
        handshakeTimes = r.histogram("zyphos_tls_handshake_seconds",
                "From accept to a completed TLS handshake, the client's round trips included.");
        for (TlsException.Reason reason : TlsException.Reason.values()) {
            String name = reason.name().toLowerCase(Locale.ROOT);
            failures.put(reason, r.counter("zyphos_tls_failures_" + name + "_total",
                    "TLS connections ended by " + name.replace('_', ' ') + ", in the handshake or after it."));
        }
    }

    /** Counts one failure by its reason, and as a failed handshake when it came before completion. */
    public void failed(TlsException e) {
        failures.get(e.reason()).increment();
        if (e.duringHandshake()) {
            handshakeFailures.increment();
        }
    }
}
