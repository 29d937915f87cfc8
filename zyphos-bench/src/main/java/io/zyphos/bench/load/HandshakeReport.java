package io.zyphos.bench.load;

import io.zyphos.bench.Machine;
import io.zyphos.bench.Results;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The Markdown report of {@code bench tls}: per server the median of the rounds (and their range),
 * ratios to Netty's, whether the server resumed a session at all, and the clients' CPU. A figure
 * no round measured is left blank, never printed as a number.
 */
final class HandshakeReport {

    /** Past this share of a core, the s_time clients were the limit, not the server. */
    static final double CLIENT_BOUND = 0.9;

    private HandshakeReport() {}

    static String markdown(HandshakeCommand.Settings settings, Machine machine, Pinning pin, Map<String, String> banners,
            Map<String, Boolean> resumes, Map<String, List<HandshakeCommand.Round>> rounds) {
        StringBuilder md = new StringBuilder();
        md.append("# TLS handshakes per second, one server core\n\n")
                .append("Command: `").append(Results.command("bench tls " + settings.arguments()).strip()).append("`  \n")
                .append("Machine: ").append(machine.describe()).append("  \n")
                .append("Pinning: ").append(pin.description()).append("  \n")
                .append("Clients: ").append(settings.clients()).append(" × `openssl s_time` (TLS 1.3, its default group and suite), ")
                .append(settings.seconds()).append(" s a run after ").append(settings.warmup()).append(" s of warm-up, ").append(settings.rounds()).append(" round(s), servers A B A B\n\n")
                .append("| server | runs as | full handshakes/s | per server CPU-second | ÷ Netty (per CPU-s) | resumed/s | resumes a session | s_time CPU | rounds |\n")
                .append("|---|---|---:|---:|---:|---:|---|---:|---:|\n");
        double nettyPerCpu = median(rounds.get("netty"), HandshakeCommand.Round::fullPerCpuSecond);
        boolean clientBound = false;
        for (Map.Entry<String, List<HandshakeCommand.Round>> e : rounds.entrySet()) {
            List<HandshakeCommand.Round> rs = e.getValue();
            double perCpu = median(rs, HandshakeCommand.Round::fullPerCpuSecond);
            double share = median(rs, HandshakeCommand.Round::clientShare);
            boolean bound = share > CLIENT_BOUND;
            clientBound |= bound;
            md.append("| ").append(e.getKey())
                    .append(" | ").append(banners.getOrDefault(e.getKey(), ""))
                    .append(" | ").append(figure(rs, HandshakeCommand.Round::fullPerSecond))
                    .append(" | ").append(figure(rs, HandshakeCommand.Round::fullPerCpuSecond))
                    .append(" | ").append(ratio(perCpu, nettyPerCpu))
                    .append(" | ").append(figure(rs, HandshakeCommand.Round::resumedPerSecond))
                    .append(" | ").append(Boolean.TRUE.equals(resumes.get(e.getKey())) ? "yes" : "no: every -reuse connection is a full handshake")
                    .append(" | ").append(Double.isNaN(share) ? "" : Math.round(100 * share) + "%" + (bound ? " (client-bound)" : ""))
                    .append(" | ").append(rs.size())
                    .append(" |\n");
        }
        md.append("\nEach figure: the median over the rounds, (min–max) when more than one. Per server CPU-second: full "
                + "handshakes over the CPU time (user and system, all threads) the server process used while they ran, "
                + "from /proc; it does not depend on how fast the clients were. s_time CPU: the clients together, as a "
                + "share of the one core they run on. ")
                .append(clientBound ? "Client-bound: the s_time processes used more than 90% of their core, so that "
                        + "row's handshakes/s measures openssl, not the server; its per CPU-second figure still holds.\n"
                        : "No row was client-bound (the s_time processes together under 90% of their core).\n");
        return md.toString();
    }

    static double median(List<HandshakeCommand.Round> rounds, ToDoubleFunction<HandshakeCommand.Round> f) {
        if (rounds == null) {
            return Double.NaN;
        }
        double[] v = rounds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The median with its range, or blank when no round measured it. */
    static String figure(List<HandshakeCommand.Round> rounds, ToDoubleFunction<HandshakeCommand.Round> f) {
        double m = median(rounds, f);
        if (Double.isNaN(m)) {
            return "";
        }
        double[] v = rounds.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).toArray();
        String text = String.format("%,.0f", m);
        if (v.length > 1) {
            text += String.format(" (%,.0f–%,.0f)", Arrays.stream(v).min().orElseThrow(), Arrays.stream(v).max().orElseThrow());
        }
        return text;
    }

    static String ratio(double value, double base) {
        return Double.isNaN(value) || Double.isNaN(base) || base == 0 ? "" : String.format("%.2f", value / base);
    }
}
