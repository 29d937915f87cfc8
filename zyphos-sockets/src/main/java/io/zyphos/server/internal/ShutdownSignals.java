package io.zyphos.server.internal;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Drains servers when the process is asked to stop: SIGTERM (what {@code kill}, systemd and
 * Kubernetes send) and SIGINT (Ctrl-C).
 *
 * <p>The JVM's own answer to these signals is to run the shutdown hooks and exit with 128 + the
 * signal's number (143, 130), whatever the application is doing. Here the first of them replaces
 * that: every registered server drains, each up to its own deadline and all at once, and nothing
 * else happens. The application's main thread, waiting in {@code Server.awaitShutdown()}, then
 * goes on, and the process ends when its last non-daemon thread does, with the status the
 * application gives it (0 when {@code main} returns). The JVM's handlers are put back as the first
 * signal arrives, so a second SIGTERM or SIGINT during the drain exits at once, as it would have
 * without any of this.
 *
 * <p>The handlers are installed when the first server registers and put back when the last one
 * leaves without a signal (it was closed by the application). Thread-safe.
 *
 * <p>The JDK's only way to handle a signal is {@code sun.misc.Signal} (module
 * {@code jdk.unsupported}, kept for this use by JEP 260). It is reached by reflection, as JLine
 * does, because javac warns at every mention of a {@code sun.*} type and that warning cannot be
 * turned off.
 */
public final class ShutdownSignals {

    private static final List<String> SIGNALS = List.of("TERM", "INT");

    /** Guarded by the class: the servers to drain, by owner, and the JVM's handlers replaced. */
    private static final Map<Object, Consumer<String>> drains = new LinkedHashMap<>();
    private static final Map<Object, Object> replaced = new LinkedHashMap<>();

    private ShutdownSignals() {}

    /**
     * Runs {@code drain} with the signal's name ("TERM", "INT") on the first SIGTERM or SIGINT,
     * unless {@link #unregister} comes first.
     *
     * @throws IllegalStateException if the JVM keeps these signals to itself (run with
     *     {@code -Xrs}) or this platform has no such signal
     */
    public static synchronized void register(Object owner, Consumer<String> drain) {
        if (drains.isEmpty()) {
            install();
        }
        drains.put(owner, drain);
    }

    /** Forgets {@code owner}'s drain; the JVM's handlers come back when no drain is left. */
    public static synchronized void unregister(Object owner) {
        if (drains.remove(owner) != null && drains.isEmpty()) {
            restore();
        }
    }

    private static void install() {
        try {
            Object handler = SunMiscSignal.handler(ShutdownSignals::onSignal);
            for (String name : SIGNALS) {
                Object signal = SunMiscSignal.signal(name);
                replaced.put(signal, SunMiscSignal.handle(signal, handler));
            }
        } catch (IllegalArgumentException e) {
            restore();
            throw new IllegalStateException("cannot drain on SIGTERM and SIGINT: " + e.getMessage()
                    + " (the JVM keeps these signals to itself when run with -Xrs)", e);
        }
    }

    private static void restore() {
        replaced.forEach(SunMiscSignal::handle);
        replaced.clear();
    }

    private static void onSignal(String name) {
        List<Consumer<String>> toRun;
        synchronized (ShutdownSignals.class) {
            toRun = new ArrayList<>(drains.values());
            drains.clear();
            restore();
        }
        List<Thread> running = new ArrayList<>(toRun.size());
        for (Consumer<String> drain : toRun) {
            running.add(Thread.ofPlatform().name("zyphos-drain-on-SIG" + name).start(() -> drain.accept(name)));
        }
        for (Thread t : running) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** {@code sun.misc.Signal} and {@code SignalHandler}, by reflection. */
    private static final class SunMiscSignal {
        private static final Class<?> SIGNAL = load("sun.misc.Signal");
        private static final Class<?> HANDLER = load("sun.misc.SignalHandler");
        private static final Method HANDLE = method(SIGNAL, "handle", SIGNAL, HANDLER);
        private static final Method GET_NAME = method(SIGNAL, "getName");

        /** {@code new Signal(name)}; an unknown name is an {@link IllegalArgumentException}. */
        static Object signal(String name) {
            try {
                return SIGNAL.getConstructor(String.class).newInstance(name);
            } catch (InvocationTargetException e) {
                throw rethrown(e);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }

        /** A {@code SignalHandler} that calls {@code onSignal} with the signal's name ("TERM"). */
        static Object handler(Consumer<String> onSignal) {
            return Proxy.newProxyInstance(ShutdownSignals.class.getClassLoader(), new Class<?>[] {HANDLER}, (proxy, method, args) ->
                    switch (method.getName()) {
                        case "handle" -> {
                            onSignal.accept((String) GET_NAME.invoke(args[0]));
                            yield null;
                        }
                        case "hashCode" -> System.identityHashCode(proxy);
                        case "equals" -> proxy == args[0];
                        case "toString" -> "zyphos drain on signal";
                        default -> throw new UnsupportedOperationException(method.toString());
                    });
        }

        /**
         * {@code Signal.handle(signal, handler)}: the handler it replaces. A signal the JVM keeps
         * to itself is an {@link IllegalArgumentException}.
         */
        static Object handle(Object signal, Object handler) {
            try {
                return HANDLE.invoke(null, signal, handler);
            } catch (InvocationTargetException e) {
                throw rethrown(e);
            } catch (IllegalAccessException e) {
                throw new IllegalStateException(e);
            }
        }

        private static RuntimeException rethrown(InvocationTargetException e) {
            return e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }

        private static Class<?> load(String name) {
            try {
                return Class.forName(name);
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(name + " is not in this JDK (module jdk.unsupported)", e);
            }
        }

        private static Method method(Class<?> owner, String name, Class<?>... parameters) {
            try {
                return owner.getMethod(name, parameters);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
