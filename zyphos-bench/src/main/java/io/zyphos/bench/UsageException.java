package io.zyphos.bench;

/** A command line that does not parse: the message says what is wrong, and the usage follows it. */
public final class UsageException extends IllegalArgumentException {

    public UsageException(String message) {
        super(message);
    }
}
