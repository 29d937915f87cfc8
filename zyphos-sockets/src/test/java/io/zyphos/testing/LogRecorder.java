package io.zyphos.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What the library logs while a test runs, at or above a level: its {@code System.Logger}s write
 * to java.util.logging here, and this handler sits on the logger of a package. So a test can
 * assert that a fault was reported, or that it passed quietly.
 */
public final class LogRecorder extends Handler implements AutoCloseable {

    /** Held, because java.util.logging keeps its loggers only weakly. */
    private final Logger logger;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();

    private LogRecorder(Logger logger, Level level) {
        this.logger = logger;
        setLevel(level);
    }

    /** Records what loggers named {@code prefix} or below it log at {@code level} or above. */
    public static LogRecorder start(String prefix, Level level) {
        LogRecorder recorder = new LogRecorder(Logger.getLogger(prefix), level);
        recorder.logger.addHandler(recorder);
        return recorder;
    }

    /** The messages recorded so far, each as "LEVEL: message". */
    public List<String> messages() {
        return records.stream().map(r -> r.getLevel() + ": " + r.getMessage()).toList();
    }

    @Override
    public void publish(LogRecord record) {
        if (isLoggable(record)) {
            records.add(record);
        }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
        logger.removeHandler(this);
    }
}
