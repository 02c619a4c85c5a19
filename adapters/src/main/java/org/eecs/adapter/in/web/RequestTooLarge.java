package org.eecs.adapter.in.web;

import java.io.IOException;

/** A request body over the configured limit; answered with 413 and never read further. */
class RequestTooLarge extends IOException {

    RequestTooLarge(long limit) {
        super("the request body is larger than the limit of " + limit + " bytes");
    }
}
