package org.eecs.adapter.in.evaluation;

/** Text made safe to place in HTML, in element content and in quoted attributes alike. */
final class Html {

    /** The pages are self-contained: no script, nothing fetched from anywhere. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'";

    private Html() {
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        text.chars().forEach(c -> out.append(switch (c) {
            case '&' -> "&amp;";
            case '<' -> "&lt;";
            case '>' -> "&gt;";
            case '"' -> "&quot;";
            case '\'' -> "&#39;";
            default -> String.valueOf((char) c);
        }));
        return out.toString();
    }

    /** The start of a page, up to and including the opening of its body. */
    static StringBuilder page(String title, String style) {
        return new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"")
                .append(escape(CONTENT_SECURITY_POLICY)).append("\"><title>").append(escape(title))
                .append("</title><style>").append(style).append("</style></head><body><h1>").append(escape(title))
                .append("</h1>");
    }
}
