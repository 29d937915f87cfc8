/**
 * {@link io.zyphos.http.cache.ResponseCache}: a shared in-memory response cache as a filter
 * (RFC 9111), bounded in bytes, least recently used out.
 */
package io.zyphos.http.cache;
