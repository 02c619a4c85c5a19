package org.eecs.domain.care;

import org.eecs.domain.Require;

/** What the robot says and how it says it: words, voice, face and body together. */
public record CareResponse(String text, Tone tone, FacialExpression face, Motion motion) {

    public static final int MAX_TEXT_LENGTH = 2000;

    public CareResponse {
        Require.text("response text", text, MAX_TEXT_LENGTH);
        Require.present("tone", tone);
        Require.present("facial expression", face);
        Require.present("motion", motion);
    }
}
