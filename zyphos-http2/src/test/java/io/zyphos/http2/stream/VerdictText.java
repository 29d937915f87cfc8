package io.zyphos.http2.stream;

/** A verdict as one short line, for tests that list many: "accept OPEN", "ignore", "stream STREAM_CLOSED". */
final class VerdictText {

    private VerdictText() {
    }

    static String of(Verdict verdict) {
        return switch (verdict) {
            case Verdict.Accept a -> "accept " + a.next();
            case Verdict.Ignore i -> "ignore";
            case Verdict.StreamError e -> "stream " + e.code();
            case Verdict.ConnectionError e -> "connection " + e.code();
        };
    }
}
