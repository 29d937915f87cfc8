/**
 * {@link io.zyphos.http.log.AccessLog}: Common and Combined Log Format lines, as log parsers read
 * them, written by one thread off the event loop through a bounded queue that drops rather than
 * blocks. The wire engine feeds it every request, refused ones included.
 */
package io.zyphos.http.log;
