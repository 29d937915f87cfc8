/**
 * {@link io.zyphos.http.log.AccessLog}: Common and Combined Log Format lines, written by one
 * thread off the event loop through a bounded queue that drops rather than blocks.
 */
package io.zyphos.http.log;
