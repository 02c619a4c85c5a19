package org.eecs.adapter.in.web;

import org.springframework.web.multipart.MultipartException;

/**
 * A multipart body that cannot be read: malformed (400 {@code malformed-request}) or past a limit (413
 * {@code payload-too-large}); the message says which, in the sender's terms.
 */
final class UnreadableForm extends MultipartException {

    private final boolean tooLarge;

    private UnreadableForm(String message, boolean tooLarge, Throwable cause) {
        super(message, cause);
        this.tooLarge = tooLarge;
    }

    static UnreadableForm malformed(String message) {
        return new UnreadableForm(message, false, null);
    }

    static UnreadableForm malformed(String message, Throwable cause) {
        return new UnreadableForm(message, false, cause);
    }

    static UnreadableForm tooLarge(String message) {
        return new UnreadableForm(message, true, null);
    }

    boolean tooLarge() {
        return tooLarge;
    }
}
