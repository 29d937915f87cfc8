package io.zyphos.tls;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which certificate answers a client's SNI host name (RFC 6066 §3): an exact name first, then a
 * wildcard, then the default.
 *
 * <p>Names compare without regard to case and without a trailing dot (DNS names, RFC 4343). A
 * wildcard {@code *.example.com} stands for exactly one label in the leftmost place, as a
 * certificate's wildcard does (RFC 6125 §6.4.3): it matches {@code a.example.com}, and neither
 * {@code example.com} nor {@code a.b.example.com}. A wildcard over a single label
 * ({@code *.com}) is refused when configured.
 *
 * <p>Immutable and thread-safe: built once per {@link TlsConfig}.
 */
final class CertificateSelector {

    private final List<CertifiedKey> keys;
    private final Map<String, Integer> exact;
    /** Keyed by what follows "*.": "example.com" for "*.example.com". */
    private final Map<String, Integer> wildcard;
    /** Index of the default in {@link #keys}, or -1. */
    private final int defaultIndex;

    private CertificateSelector(List<CertifiedKey> keys, Map<String, Integer> exact, Map<String, Integer> wildcard, int defaultIndex) {
        this.keys = List.copyOf(keys);
        this.exact = Map.copyOf(exact);
        this.wildcard = Map.copyOf(wildcard);
        this.defaultIndex = defaultIndex;
    }

    /** Every certified key, in the order of {@link #index}. */
    List<CertifiedKey> keys() {
        return keys;
    }

    boolean hasDefault() {
        return defaultIndex >= 0;
    }

    /**
     * The index of the key that serves {@code hostName} ({@code null}: the client sent no name),
     * or -1 when none does.
     */
    int index(String hostName) {
        if (hostName == null) {
            return defaultIndex;
        }
        String name = normalise(hostName);
        Integer found = exact.get(name);
        if (found == null) {
            int dot = name.indexOf('.');
            if (dot > 0) {
                found = wildcard.get(name.substring(dot + 1));
            }
        }
        return found != null ? found : defaultIndex;
    }

    static String normalise(String hostName) {
        String name = hostName.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
    }

    /** Collects names and keys for a selector; the same key may serve several names. */
    static final class Builder {
        private final List<CertifiedKey> keys = new ArrayList<>();
        private final Map<String, Integer> exact = new HashMap<>();
        private final Map<String, Integer> wildcard = new HashMap<>();
        private int defaultIndex = -1;

        void setDefault(CertifiedKey key) {
            defaultIndex = indexOf(key);
        }

        void add(String pattern, CertifiedKey key) {
            String name = normalise(pattern);
            if (name.startsWith("*.")) {
                String rest = name.substring(2);
                if (rest.indexOf('.') < 0 || rest.contains("*")) {
                    throw new TlsConfigException("SNI name \"" + pattern + "\": a wildcard stands for the leftmost label "
                            + "of a name with at least two more (\"*.example.com\")");
                }
                put(wildcard, rest, pattern, key);
            } else {
                if (name.isEmpty() || name.contains("*") || !name.matches("[a-z0-9._-]+")) {
                    throw new TlsConfigException("SNI name \"" + pattern + "\": not a DNS host name (RFC 6066 §3 allows no "
                            + "IP address here; a wildcard is \"*.\" and a domain)");
                }
                put(exact, name, pattern, key);
            }
        }

        private void put(Map<String, Integer> map, String key, String pattern, CertifiedKey value) {
            if (map.containsKey(key)) {
                throw new TlsConfigException("SNI name \"" + pattern + "\" is given two certificates");
            }
            map.put(key, indexOf(value));
        }

        private int indexOf(CertifiedKey key) {
            for (int i = 0; i < keys.size(); i++) {
                if (keys.get(i) == key) {
                    return i;
                }
            }
            keys.add(key);
            return keys.size() - 1;
        }

        boolean isEmpty() {
            return keys.isEmpty();
        }

        CertificateSelector build() {
            return new CertificateSelector(keys, exact, wildcard, defaultIndex);
        }
    }
}
