package io.zyphos.bench;

import io.zyphos.server.Transport;
import java.util.Locale;

/** The short command-line names of the {@link Transport}s: {@code nio}, {@code platform}, {@code virtual}. */
public final class Transports {

    public static final String NAMES = "nio|platform|virtual";

    private Transports() {}

    /** The transport called {@code name}. */
    public static Transport parse(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "nio" -> Transport.NIO;
            case "platform" -> Transport.PLATFORM_THREADS;
            case "virtual" -> Transport.VIRTUAL_THREADS;
            default -> throw new UsageException("unknown transport \"" + name + "\" (choose " + NAMES + ")");
        };
    }

    /** The command-line name of {@code transport}. */
    public static String name(Transport transport) {
        return switch (transport) {
            case NIO -> "nio";
            case PLATFORM_THREADS -> "platform";
            case VIRTUAL_THREADS -> "virtual";
        };
    }
}
