package io.zyphos.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The process's open sockets and live threads at one moment, to show that a server gave back
 * everything it took. Sockets are the descriptors in {@code /proc/self/fd} (Linux) that link to
 * {@code socket:[inode]}; other descriptors are left out because the JDK opens some once per
 * process on first use (the virtual-thread pollers' epoll instances, for one).
 */
public record ResourceSnapshot(long openSockets, Set<String> threadNames) {

    public static ResourceSnapshot take() {
        return new ResourceSnapshot(countOpenSockets(), Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .collect(Collectors.toUnmodifiableSet()));
    }

    private static long countOpenSockets() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.filter(ResourceSnapshot::isSocket).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * What every open descriptor of this process refers to ({@code socket:[inode]},
     * {@code anon_inode:[eventpoll]}, a path...), one entry per descriptor: all of them, not only
     * sockets, for a test that compares two moments with nothing expected to open in between.
     */
    public static List<String> openDescriptors() {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.map(ResourceSnapshot::target).filter(t -> !t.isEmpty()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String target(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString();
        } catch (IOException e) {
            // Closed between listing and reading (the listing's own descriptor, for one).
            return "";
        }
    }

    private static boolean isSocket(Path fd) {
        try {
            return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException e) {
            // Closed between listing and reading: not open any more.
            return false;
        }
    }

    /** Threads alive now whose names start with {@code prefix}. */
    public static Set<String> threadsNamed(String prefix) {
        return take().threadNames().stream().filter(n -> n.startsWith(prefix)).collect(Collectors.toSet());
    }
}
