package io.zyphos.http1.internal;

import io.zyphos.http.HttpResponse;
import io.zyphos.http.Status;

/**
 * The responses the connection makes up itself: to bad input, a timeout, a handler that failed.
 * Plain text naming the status and, where there is one, the rule that was broken. Nothing the
 * client sent is echoed back.
 */
final class ErrorResponses {

    private ErrorResponses() {}

    static HttpResponse of(Status status) {
        return of(status, null);
    }

    /** {@code status}, with {@code detail} (an RFC reference, say) on a second line if non-null. */
    static HttpResponse of(Status status, String detail) {
        String text = status.code() + " " + status.reasonPhrase() + "\n" + (detail == null ? "" : detail + "\n");
        return HttpResponse.text(status, text);
    }
}
