package org.eecs.domain.emotion;

import org.eecs.domain.Require;

/** Which model produced an estimate, so that results stay attributable after the model is replaced. */
public record ModelRef(String name, String version) {

    public static final int MAX_LENGTH = 255;

    public ModelRef {
        Require.text("model name", name, MAX_LENGTH);
        Require.text("model version", version, MAX_LENGTH);
    }

    @Override
    public String toString() {
        return name + "@" + version;
    }
}
