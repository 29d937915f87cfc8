package io.zyphos.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * The machine a figure was measured on, for the Markdown that reports it: cores, memory, CPU,
 * JDK and kernel (Linux's {@code /proc}; elsewhere what the JDK knows).
 */
public record Machine(int cores, String memory, String cpu, String jdk, String kernel, LocalDate date) {

    public static Machine current() {
        return new Machine(
                Runtime.getRuntime().availableProcessors(),
                procLine("/proc/meminfo", "MemTotal:").map(Machine::kibToGib).orElse("unknown"),
                procLine("/proc/cpuinfo", "model name").map(v -> v.replaceFirst("^\\s*:\\s*", "")).orElse(
                        System.getProperty("os.arch")),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version"),
                LocalDate.now());
    }

    /** One Markdown line: "2 cores (AMD EPYC), 23.4 GiB, JDK Eclipse Adoptium 25.0.3+9-LTS, Linux 6.18, 2026-11-25". */
    public String describe() {
        return cores + " cores (" + cpu + "), " + memory + " RAM, JDK " + jdk + ", " + kernel + ", " + date;
    }

    private static Optional<String> procLine(String file, String prefix) {
        try {
            List<String> lines = Files.readAllLines(Path.of(file));
            return lines.stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).strip());
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static String kibToGib(String value) {
        String digits = value.replaceAll("[^0-9]", "");
        if (digits.isEmpty()) {
            return value;
        }
        return String.format("%.1f GiB", Long.parseLong(digits) / (1024.0 * 1024.0));
    }
}
