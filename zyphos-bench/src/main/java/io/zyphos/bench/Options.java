package io.zyphos.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The options of one subcommand: {@code --name value} (or {@code --name=value}), {@code --flag},
 * and positional arguments, in any order. Each subcommand declares the names it knows, so a
 * misspelt option is an error rather than silently ignored.
 */
public final class Options {

    private final Map<String, String> values;
    private final Set<String> flags;
    private final List<String> positional;

    private Options(Map<String, String> values, Set<String> flags, List<String> positional) {
        this.values = values;
        this.flags = flags;
        this.positional = positional;
    }

    /**
     * Parses {@code args}.
     *
     * @param knownFlags options that take no value
     * @param knownValues options followed by a value
     * @throws UsageException for an unknown option or a missing value
     */
    public static Options parse(String[] args, Set<String> knownFlags, Set<String> knownValues) {
        Map<String, String> values = new HashMap<>();
        Set<String> flags = new HashSet<>();
        List<String> positional = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                positional.add(arg);
                continue;
            }
            String name = arg.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (knownFlags.contains(name) && inline == null) {
                flags.add(name);
            } else if (knownValues.contains(name)) {
                if (inline == null) {
                    if (i + 1 >= args.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    inline = args[++i];
                }
                values.put(name, inline);
            } else {
                throw new UsageException("unknown option --" + name);
            }
        }
        return new Options(values, flags, List.copyOf(positional));
    }

    public List<String> positional() {
        return positional;
    }

    public boolean flag(String name) {
        return flags.contains(name);
    }

    public String string(String name, String otherwise) {
        return values.getOrDefault(name, otherwise);
    }

    /** A whole number in {@code [min, max]}, or {@code otherwise} when the option is absent. */
    public int integer(String name, int otherwise, int min, int max) {
        String v = values.get(name);
        return v == null ? otherwise : parseInt(name, v, min, max);
    }

    /** A comma-separated list, or {@code otherwise} when the option is absent. */
    public List<String> list(String name, List<String> otherwise) {
        String v = values.get(name);
        if (v == null) {
            return otherwise;
        }
        List<String> items = new ArrayList<>();
        for (String item : v.split(",")) {
            if (!item.isBlank()) {
                items.add(item.strip());
            }
        }
        if (items.isEmpty()) {
            throw new UsageException("--" + name + " needs at least one value");
        }
        return List.copyOf(items);
    }

    /** A comma-separated list of whole numbers in {@code [min, max]}. */
    public List<Integer> integers(String name, List<Integer> otherwise, int min, int max) {
        if (!values.containsKey(name)) {
            return otherwise;
        }
        return list(name, List.of()).stream().map(v -> parseInt(name, v, min, max)).toList();
    }

    private static int parseInt(String name, String v, int min, int max) {
        int n;
        try {
            n = Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " needs a whole number, not \"" + v + "\"");
        }
        if (n < min || n > max) {
            throw new UsageException("--" + name + " must be between " + min + " and " + max + ", not " + n);
        }
        return n;
    }
}
