package io.zyphos.bench.load;

import io.zyphos.bench.UsageException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** What one load cell asks every server for. */
enum Endpoint {
    /** The TechEmpower plaintext test; the only endpoint pipelined, as TechEmpower pipelines only it. */
    PLAINTEXT("plaintext", "GET", "/plaintext", true),
    /** The same request kept alive but not pipelined: one request in flight per connection. */
    PLAINTEXT_KEEPALIVE("plaintext-ka", "GET", "/plaintext", false),
    JSON("json", "GET", "/json", false),
    /** A 1 KiB body sent and sent back. */
    ECHO("echo", "POST", "/echo", false),
    FILE4K("file4k", "GET", "/files/4k.bin", false),
    FILE1M("file1m", "GET", "/files/1m.bin", false);

    static final int ECHO_BODY_BYTES = 1024;
    static final String NAMES = String.join(",", Arrays.stream(values()).map(Endpoint::label).toList());

    private final String label;
    private final String method;
    private final String path;
    private final boolean pipelined;

    Endpoint(String label, String method, String path, boolean pipelined) {
        this.label = label;
        this.method = method;
        this.path = path;
        this.pipelined = pipelined;
    }

    String label() {
        return label;
    }

    String method() {
        return method;
    }

    String path() {
        return path;
    }

    boolean pipelined() {
        return pipelined;
    }

    static Endpoint parse(String name) {
        for (Endpoint e : values()) {
            if (e.label.equals(name.toLowerCase(Locale.ROOT))) {
                return e;
            }
        }
        throw new UsageException("unknown endpoint \"" + name + "\" (choose from " + NAMES + ")");
    }

    static List<Endpoint> all() {
        return List.of(values());
    }
}
