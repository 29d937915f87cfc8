/**
 * Static files: {@link io.zyphos.http.files.StaticFiles}, a handler serving a directory with
 * sendfile, validators, conditional and range requests and pre-compressed siblings (RFC 9110
 * §8.8, §13, §14), and {@link io.zyphos.http.files.MediaTypes}, Content-Type by extension.
 */
package io.zyphos.http.files;
