package io.zyphos.bench;

import io.zyphos.server.AcceptMode;
import java.util.Locale;

/** The command-line names of the NIO transport's {@link AcceptMode}s: {@code round-robin}, {@code reuse-port}. */
public final class AcceptModes {

    public static final String NAMES = "round-robin|reuse-port";

    private AcceptModes() {}

    /** The accept mode called {@code name}. */
    public static AcceptMode parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "round-robin" -> AcceptMode.ROUND_ROBIN;
            case "reuse-port" -> AcceptMode.REUSE_PORT;
            default -> throw new UsageException("unknown accept mode \"" + name + "\" (choose " + NAMES + ")");
        };
    }

    /** The command-line name of {@code mode}. */
    public static String name(AcceptMode mode) {
        return switch (mode) {
            case ROUND_ROBIN -> "round-robin";
            case REUSE_PORT -> "reuse-port";
        };
    }
}
