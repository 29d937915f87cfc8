package io.zyphos.server.internal;

import io.netty.buffer.ByteBuf;
import io.zyphos.buffer.Buffers;
import io.zyphos.tls.TlsEngine;
import io.zyphos.tls.TlsException;
import io.zyphos.tls.TlsFileRegion;
import java.io.EOFException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;

/**
 * The TLS layer of one connection, between its transport and its protocol, written once for every
 * transport: a {@link TlsEngine} and what the connection has written that is not encrypted yet.
 *
 * <h2>Write side</h2>
 * {@link #write} and {@link #writeFile} keep plaintext and file regions in order, unencrypted;
 * {@link #encrypt}, at the connection's flush and whenever its transport's queue drains, turns them
 * into records and hands the ciphertext to the transport's queue. Buffers written since the last
 * flush are joined and wrapped together ({@link #nextRun}): every {@code wrap} closes at least one
 * record, with its 5-byte header, its 16-byte AEAD tag and one AEAD operation, so a response
 * written as a head, a body and a trailer in three writes would otherwise become three records
 * where one fits. A file region is read and encrypted a bounded piece at a time, only while the
 * transport's queue is below the middle of its watermarks, so a large file never sits in memory
 * whole and sendfile's lack under TLS costs memory no more than the watermarks allow.
 *
 * <h2>Ending</h2>
 * A requested close or output shutdown waits until everything written before it is encrypted;
 * then close_notify (RFC 8446 §6.1) is queued after it, and {@link #encrypt} answers the
 * {@link Ending} for the connection to carry out on its transport.
 *
 * <p>Every ciphertext buffer the engine produces (handshake flights, records, alerts) goes into
 * the transport's queue at once, so the queue holds records in the order the engine sealed them.
 * Confined to the connection's thread.
 */
final class TlsLayer {

    /** What the transport does once everything written is encrypted and close_notify is queued. */
    enum Ending {
        NONE,
        SHUTDOWN_OUTPUT,
        CLOSE
    }

    private final AbstractConnection connection;
    private final TlsEngine engine;
    /** Written and not yet encrypted, in order: plaintext {@link ByteBuf}s and {@link TlsFileRegion}s. */
    private final ArrayDeque<Object> pending = new ArrayDeque<>();
    private long pendingBytes;
    private Ending ending = Ending.NONE;
    /** Inside {@link #encrypt}: a transport callback that asks for it again finds it running. */
    private boolean encrypting;
    private boolean released;

    TlsLayer(AbstractConnection connection, TlsEngine engine) {
        this.connection = connection;
        this.engine = engine;
    }

    TlsEngine engine() {
        return engine;
    }

    // ---------------------------------------------------------------- read side

    /**
     * Decrypts the whole records in {@code ciphertext} (a partial one stays unread in it) and
     * queues what the engine answers.
     *
     * @return plaintext the caller owns; empty when there was none
     */
    ByteBuf feed(ByteBuf ciphertext) throws TlsException {
        try {
            return engine.feed(ciphertext);
        } finally {
            sendOutput();
        }
    }

    /** Ends a handshake past its deadline, queuing what the engine says on the way out. */
    void onTimeout(long nowNanos) throws TlsException {
        try {
            engine.onTimeout(nowNanos);
        } finally {
            sendOutput();
        }
    }

    long nextDeadlineNanos() {
        return engine.nextDeadlineNanos();
    }

    // ---------------------------------------------------------------- write side

    /** Whether writes are dropped: an ending was asked for, or the engine can send nothing more. */
    private boolean outputClosed() {
        return released || ending != Ending.NONE || engine.isOutputClosed();
    }

    /** Keeps {@code plaintext} (owned) for the next {@link #encrypt}; past the high watermark, encrypts at once. */
    void write(ByteBuf plaintext) throws IOException {
        if (outputClosed()) {
            plaintext.release();
            return;
        }
        pending.add(plaintext);
        pendingBytes += plaintext.readableBytes();
        if (pendingBytes > connection.limits().writeHighWaterMark()) {
            encrypt();
        }
    }

    /** Keeps a file region (the file is owned from here) for {@link #encrypt}, in order with the writes. */
    void writeFile(FileChannel file, long position, long count) {
        TlsFileRegion region = new TlsFileRegion(file, position, count);
        if (outputClosed() || region.isDone()) {
            region.close();
            return;
        }
        pending.add(region);
        pendingBytes += count;
    }

    /** Plaintext and file bytes written and not yet encrypted. */
    long pendingBytes() {
        return pendingBytes;
    }

    /** Whether there is something {@link #encrypt} could move into the transport's queue. */
    boolean hasPending() {
        return !pending.isEmpty();
    }

    /** Asks for close_notify, then {@code e}, once what was written is encrypted. A close overrides a shutdown. */
    void end(Ending e) {
        if (ending != Ending.CLOSE) {
            ending = e;
        }
    }

    /**
     * Encrypts what is pending into the transport's queue, in order: all the plaintext, and of a
     * file region as much as keeps the queue below the middle of the watermarks. Once nothing is
     * pending and an ending was asked for, queues close_notify and answers that ending, every
     * time it is called from then on; otherwise {@link Ending#NONE}.
     *
     * @throws TlsException when the engine fails (the alert is queued)
     * @throws WriteQueue.FileFailedException when a file cannot be read or is shorter than its region
     */
    Ending encrypt() throws IOException {
        if (encrypting || released) {
            return Ending.NONE;
        }
        if (engine.isOutputClosed()) {
            // Failed, or close_notify already went (TLS 1.2 answers the peer's at once): what is
            // pending can never be sent.
            dropPending();
            return engine.failure() != null ? Ending.CLOSE : ending;
        }
        encrypting = true;
        try {
            while (!pending.isEmpty() && !released) {
                if (pending.peek() instanceof TlsFileRegion region) {
                    long room = refillTarget() - connection.queuedBytes();
                    if (room <= 0) {
                        return Ending.NONE;
                    }
                    encryptPiece(region, room);
                    if (region.isDone()) {
                        pending.poll();
                    }
                } else {
                    ByteBuf run = nextRun();
                    engine.wrap(run);
                    sendOutput();
                }
            }
            if (ending != Ending.NONE && !released) {
                engine.closeOutbound();
                sendOutput();
            }
            return released ? Ending.NONE : ending;
        } finally {
            encrypting = false;
        }
    }

    /** Halfway between the watermarks: a refill that stops there never crosses the high one and pauses reading. */
    private long refillTarget() {
        long low = connection.limits().writeLowWaterMark();
        long high = connection.limits().writeHighWaterMark();
        return low + (high - low) / 2;
    }

    private void encryptPiece(TlsFileRegion region, long room) throws IOException {
        long before = region.remaining();
        try {
            region.encrypt(engine, room);
        } catch (TlsException e) {
            throw e;
        } catch (EOFException e) {
            throw new WriteQueue.FileTruncatedException(region.remaining());
        } catch (IOException e) {
            throw new WriteQueue.FileReadException(e);
        } finally {
            pendingBytes -= before - region.remaining();
            sendOutput();
        }
    }

    /**
     * The plaintext buffers at the head of the queue, up to the next file region, as one buffer
     * (owned by the caller): the buffer itself when it is alone, else a copy of them all. The copy
     * costs less than the records it saves: encryption reads every byte anyway.
     */
    private ByteBuf nextRun() {
        ByteBuf first = (ByteBuf) pending.poll();
        pendingBytes -= first.readableBytes();
        if (!(pending.peek() instanceof ByteBuf)) {
            return first;
        }
        int total = first.readableBytes();
        for (Object o : pending) {
            if (!(o instanceof ByteBuf b)) {
                break;
            }
            total += b.readableBytes();
        }
        ByteBuf joined = Buffers.allocator().directBuffer(total);
        joined.writeBytes(first);
        first.release();
        while (pending.peek() instanceof ByteBuf b) {
            pending.poll();
            pendingBytes -= b.readableBytes();
            joined.writeBytes(b);
            b.release();
        }
        return joined;
    }

    /** Hands every buffer the engine produced to the transport's queue, in order. */
    private void sendOutput() {
        for (ByteBuf b; (b = engine.pollOutbound()) != null; ) {
            connection.enqueue(b);
        }
    }

    /** The connection closed: releases the engine and everything pending, closing pending files. Idempotent. */
    void release() {
        released = true;
        engine.close();
        dropPending();
    }

    private void dropPending() {
        for (Object o; (o = pending.poll()) != null; ) {
            if (o instanceof ByteBuf b) {
                b.release();
            } else {
                ((TlsFileRegion) o).close();
            }
        }
        pendingBytes = 0;
    }
}
