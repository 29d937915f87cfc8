package io.zyphos.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code openssl s_time}: a client that opens TLS connections one after another, each a new
 * handshake ({@code -new}) or one resuming the first connection's session ({@code -reuse}), and
 * closes them without sending a request. Several run side by side to keep a server's core busy;
 * each counts its connections, and the harness times the whole run itself (s_time prints its wall
 * time in whole seconds only).
 */
final class STime {

    /** "N connections in T real seconds", s_time's last line. */
    private static final Pattern COUNT = Pattern.compile("(\\d+) connections in \\d+ real seconds");

    /**
     * What one run of {@code clients} s_time processes measured: connections made in all, over
     * {@code wallSeconds}, and the clients' CPU together as a share of one core (they share the
     * generator's core: near 1.0 they, not the server, were the limit).
     */
    record Result(long connections, double wallSeconds, double clientShare) {

        double perSecond() {
            return connections / wallSeconds;
        }
    }

    private STime() {}

    static boolean available() {
        return Tools.onPath("openssl");
    }

    /**
     * Runs {@code clients} s_time processes against {@code port} for {@code seconds}, behind
     * {@code pin}, all at once.
     *
     * @param resume {@code -reuse} rather than {@code -new}
     */
    static Result run(int port, int clients, int seconds, boolean resume, List<String> pin) throws IOException {
        List<String> command = new ArrayList<>(pin);
        command.addAll(List.of("openssl", "s_time", "-connect", "127.0.0.1:" + port, resume ? "-reuse" : "-new",
                "-time", Integer.toString(seconds)));
        List<Thread> threads = new ArrayList<>();
        List<Tools.Output> outputs = new ArrayList<>();
        List<IOException> failures = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < clients; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                try {
                    Tools.Output out = Tools.run(command, seconds + 60L, TimeUnit.SECONDS);
                    synchronized (outputs) {
                        outputs.add(out);
                    }
                } catch (IOException e) {
                    synchronized (outputs) {
                        failures.add(e);
                    }
                }
            }));
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted waiting for s_time", e);
            }
        }
        double wall = (System.nanoTime() - started) / 1e9;
        if (!failures.isEmpty()) {
            throw failures.getFirst();
        }
        long connections = 0;
        double share = 0;
        for (Tools.Output out : outputs) {
            connections += connections(out.text());
            share += out.coreShare();
        }
        return new Result(connections, wall, share);
    }

    /** The connections an s_time run counted, from its last line. */
    static long connections(String output) throws IOException {
        Matcher m = COUNT.matcher(output);
        long last = -1;
        while (m.find()) {
            last = Long.parseLong(m.group(1));
        }
        if (last < 0) {
            throw new IOException("s_time printed no connection count:\n" + output);
        }
        return last;
    }

    /**
     * Whether the server at {@code port} resumes a session: {@code s_client} saves the session
     * of a first connection and offers it on a second, and says "Reused" if the server took it
     * (RFC 8446 §2.2: from a NewSessionTicket in TLS 1.3).
     */
    static boolean resumes(int port, Path work) throws IOException {
        Path session = work.resolve("session-" + port + ".pem");
        String connect = "openssl s_client -connect 127.0.0.1:" + port + " -servername localhost ";
        // The first connection reads for a moment, so a ticket sent after the handshake arrives.
        Tools.run(List.of("sh", "-c", "sleep 1 | " + connect + "-sess_out " + session + " >/dev/null 2>&1; true"),
                30, TimeUnit.SECONDS);
        String second = Tools.run(List.of("sh", "-c", "sleep 1 | " + connect + "-sess_in " + session + " 2>&1; true"),
                30, TimeUnit.SECONDS).text();
        return second.contains("Reused, TLS");
    }
}
