package io.zyphos.bench;

import java.util.Arrays;

/** Entry point of the {@code ./zyphos} launcher: one subcommand per job. */
public final class Main {

    static final String USAGE = """
            usage: ./zyphos COMMAND [OPTIONS]

              %s
                  the demo server (echo for now), on 127.0.0.1:8080 unless told otherwise
              help
                  this text
            """.formatted(DemoServer.USAGE);

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
            case "help", "-h", "--help" -> System.out.print(USAGE);
            default -> throw new UsageException("unknown command \"" + args[0] + "\"");
        }
    }
}
