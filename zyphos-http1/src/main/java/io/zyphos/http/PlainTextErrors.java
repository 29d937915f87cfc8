package io.zyphos.http;

/** {@link ErrorHandler#plainText()}, and what the hook's callers share. */
final class PlainTextErrors implements ErrorHandler {

    static final PlainTextErrors INSTANCE = new PlainTextErrors();
    static final System.Logger LOG = System.getLogger(ErrorHandler.class.getName());

    private PlainTextErrors() {}

    @Override
    public HttpResponse handle(HttpRequest request, Status status, String problem) {
        String text = status.reasonPhrase().isEmpty()
                ? status.code() + "\n" + problem + "\n"
                : status.code() + " " + status.reasonPhrase() + "\n" + problem + "\n";
        return HttpResponse.builder(status)
                .header(HeaderName.CONTENT_TYPE, "text/plain; charset=utf-8")
                // A browser shown this page must not guess it is HTML (the problem may quote the request).
                .header(HeaderName.X_CONTENT_TYPE_OPTIONS, "nosniff")
                .body(text)
                .build();
    }

    /** Whether an error answer can go out as it is: a final status, framing left to the engine. */
    static boolean sendable(HttpResponse answer) {
        return answer.status().code() >= 200
                && !answer.headers().contains(HeaderName.CONTENT_LENGTH)
                && !answer.headers().contains(HeaderName.TRANSFER_ENCODING);
    }

    /**
     * {@code text} with what could change how a client reads it escaped: controls, and the
     * characters HTML and quoting give meaning to ({@code < > & " ' `} and backslash), as
     * {@code \xHH}. Letters of any script, digits, spaces and other punctuation stay.
     */
    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder sb = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean unsafe = c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) || "<>&\"'`\\".indexOf(c) >= 0;
            if (unsafe && sb == null) {
                sb = new StringBuilder(text.length() + 16).append(text, 0, i);
            }
            if (unsafe) {
                sb.append("\\x").append(Character.forDigit(c >> 4 & 0xF, 16)).append(Character.forDigit(c & 0xF, 16));
            } else if (sb != null) {
                sb.append(c);
            }
        }
        return sb == null ? text : sb.toString();
    }
}
