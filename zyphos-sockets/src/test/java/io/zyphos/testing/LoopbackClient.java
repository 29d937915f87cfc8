package io.zyphos.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A plain blocking TCP client for tests: what a peer that nobody here wrote would do, with no
 * Zyphos code on its side; over TLS with {@link TlsClients}. Every read has a timeout, so a server that fails to answer fails the
 * test instead of hanging it.
 */
public final class LoopbackClient implements AutoCloseable {

    /** How long a read waits before the test fails: generous, since CI machines are slow. */
    public static final int READ_TIMEOUT_MILLIS = 10_000;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private LoopbackClient(Socket socket) throws IOException {
        this.socket = socket;
        socket.setSoTimeout(READ_TIMEOUT_MILLIS);
        socket.setTcpNoDelay(true);
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** A client over a socket already connected: a TLS one ({@link TlsClients}), say. */
    public static LoopbackClient over(Socket socket) {
        try {
            return new LoopbackClient(socket);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static LoopbackClient connect(InetSocketAddress address) {
        try {
            return new LoopbackClient(new Socket(address.getAddress(), address.getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Socket socket() {
        return socket;
    }

    public LoopbackClient send(String ascii) {
        return send(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }

    public LoopbackClient send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }

    /** Reads exactly {@code n} bytes, failing if the server closes first or falls silent. */
    public byte[] readExactly(int n) {
        byte[] buf = new byte[n];
        int off = 0;
        try {
            while (off < n) {
                int r = in.read(buf, off, n - off);
                if (r < 0) {
                    throw new AssertionError("server closed after " + off + " of " + n + " bytes: "
                            + new String(Arrays.copyOf(buf, off), StandardCharsets.ISO_8859_1));
                }
                off += r;
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server sent " + off + " of " + n + " bytes, then nothing for "
                    + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buf;
    }

    public String readAscii(int n) {
        return new String(readExactly(n), StandardCharsets.ISO_8859_1);
    }

    /** Reads until the server closes, answering what came before the close. */
    public byte[] readToEnd() {
        try {
            return in.readAllBytes();
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts the server closes the connection (FIN or reset) without sending anything more. */
    public void assertClosedByServer() {
        try {
            int b = in.read();
            if (b >= 0) {
                throw new AssertionError("expected the server to close, but it sent a byte: " + b);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("server did not close within " + READ_TIMEOUT_MILLIS + " ms", e);
        } catch (IOException e) {
            // A reset is a close too.
        }
    }

    /** Half-closes: sends FIN, keeps reading. */
    public void shutdownOutput() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes with a reset instead of a FIN (SO_LINGER 0). */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            socket.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
