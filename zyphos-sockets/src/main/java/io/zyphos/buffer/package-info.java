/**
 * The one buffer core every Zyphos module shares, and the rules of buffer ownership.
 *
 * <p>All network buffers come from {@link io.zyphos.buffer.Buffers#allocator()}: one pooled,
 * direct, reference-counted allocator (netty-buffer's {@code PooledByteBufAllocator}). Pooling
 * makes a steady-state read, parse and write allocate nothing; direct memory lets the kernel
 * copy straight from and to the buffer without a bounce through the heap.
 *
 * <h2>Ownership</h2>
 * A {@link io.netty.buffer.ByteBuf} has a reference count. These rules hold in every module;
 * every method that takes or returns a buffer says which one applies.
 * <ol>
 *   <li><b>Whoever holds the last reference releases it.</b> Allocating a buffer, or receiving
 *       one whose documentation says "ownership passes to you", makes you its holder.</li>
 *   <li><b>Passing a buffer to a method that says it "takes ownership" hands your reference
 *       over.</b> You must not touch the buffer afterwards, not even to release it, including when
 *       the method throws. {@link io.zyphos.server.Connection#write} takes ownership.</li>
 *   <li><b>A buffer passed to a callback is borrowed unless the callback's documentation says
 *       otherwise.</b> It is valid until the callback returns; keep it longer with
 *       {@code retain()} (or {@code retainedSlice()}) and release what you retained.
 *       {@link io.zyphos.server.ProtocolHandler#onRead} lends its buffer.</li>
 *   <li><b>Slices and duplicates share the parent's count.</b> A {@code retainedSlice()} is a
 *       reference of its own and must be released; a plain {@code slice()} is not.</li>
 *   <li><b>Never release a buffer you did not retain or allocate.</b> Double releases throw
 *       {@code IllegalReferenceCountException}, which Zyphos treats as a bug, not as bad input.</li>
 * </ol>
 *
 * <p>Tests run with Netty's leak detector at {@code PARANOID}: every buffer is tracked, and a
 * buffer garbage-collected with a non-zero count fails the test that leaked it.
 */
package io.zyphos.buffer;
