package io.zyphos.tls;

/**
 * A TLS setting cannot be used: a file that is not what it should be, a key that does not match
 * its certificate, a builder given contradictory settings. The message names the file or setting
 * and what is wrong with it ("TLS key /etc/x/key.pem: not a PEM private key"). Thrown while the
 * configuration is built, never while a connection is served.
 */
public final class TlsConfigException extends RuntimeException {

    TlsConfigException(String message) {
        super(message);
    }

    TlsConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
