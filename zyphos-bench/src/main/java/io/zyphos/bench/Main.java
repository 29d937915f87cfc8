package io.zyphos.bench;

import io.zyphos.bench.echo.EchoBenchCommand;
import io.zyphos.bench.jmh.JmhCommand;
import io.zyphos.bench.load.HandshakeCommand;
import io.zyphos.bench.load.LoadCommand;
import io.zyphos.bench.peer.PeerCommand;
import io.zyphos.bench.sockets.SocketsBenchCommand;
import java.util.Arrays;

/** Entry point of the {@code ./zyphos} launcher: one subcommand per job. */
public final class Main {

    static final String USAGE = """
            usage: ./zyphos COMMAND [OPTIONS]

              %s
                  the demo server (/plaintext, /json, /echo, /files/..., /metrics), on 127.0.0.1:8080 unless told otherwise,
                  HTTP/1.1 and HTTP/2 (prior knowledge, Upgrade: h2c);
                  --access-log writes a Combined Log Format line per request to PATH, or to standard output for -
                  --tls serves HTTPS (ALPN h2 or http/1.1) with the PEM chain and key given, or a self-signed certificate made at
                  start, written to a temporary file whose curl command is printed; --tls-provider bc (default) or jdk
              %s
                  a peer server (Netty, Jetty or Helidon) serving what the demo serves, for side-by-side load runs
              bench %s
                  JMH benchmarks of one module (sockets, http1, http, ...), results in zyphos-bench/results/
              bench %s
                  echo load harness: each transport at 1, 100 and 1000 connections
              bench %s
                  HTTP load harness: Zyphos against Netty, Jetty and Helidon with wrk and h2load; --h2: HTTP/2 rows instead,
                  h2load against Zyphos, Netty and Jetty in clear text (h2c) and over TLS (h2), on plaintext and json
              bench %s
                  TLS handshakes per second on one server core, full and resumed: Zyphos beside Netty and Jetty, with openssl s_time
              bench %s
                  shutdown time, memory per idle connection and thread start cost, per transport
              help
                  this text
            """.formatted(DemoServer.USAGE, PeerCommand.USAGE, JmhCommand.USAGE, EchoBenchCommand.USAGE, LoadCommand.USAGE,
                    HandshakeCommand.USAGE, SocketsBenchCommand.USAGE);

    private Main() {}

    public static void main(String[] args) throws Exception {
        try {
            run(args);
        } catch (UsageException e) {
            System.err.println("zyphos: " + e.getMessage());
            System.err.println();
            System.err.print(USAGE);
            System.exit(2);
        }
    }

    private static void run(String[] args) throws Exception {
        if (args.length == 0) {
            throw new UsageException("no command given");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "serve" -> DemoServer.run(rest);
            case "peer" -> PeerCommand.run(rest);
            case "bench" -> bench(rest);
            case "help", "-h", "--help" -> System.out.print(USAGE);
            default -> throw new UsageException("unknown command \"" + args[0] + "\"");
        }
    }

    private static void bench(String[] args) throws Exception {
        if (args.length == 0) {
            throw new UsageException("bench needs a kind: jmh, echo, load, tls or sockets");
        }
        String[] rest = Arrays.copyOfRange(args, 1, args.length);
        switch (args[0]) {
            case "jmh" -> JmhCommand.run(rest);
            case "echo" -> EchoBenchCommand.run(rest);
            case "load" -> LoadCommand.run(rest);
            case "tls" -> HandshakeCommand.run(rest);
            case "sockets" -> SocketsBenchCommand.run(rest);
            default -> throw new UsageException("unknown benchmark \"" + args[0] + "\" (choose jmh, echo, load, tls or sockets)");
        }
    }
}
