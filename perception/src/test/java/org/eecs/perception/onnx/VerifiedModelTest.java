package org.eecs.perception.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class VerifiedModelTest {

    private static final String SILERO = "/models/silero-vad-v5.onnx";
    private static final String SILERO_SHA256 = "2623a2953f6ff3d2c1e61740c6cdb7168133479b267dfef114a4a3cc5bdd788f";

    @Test
    void aModelWhoseDigestMatchesItsProvenanceIsLoaded() {
        try (VerifiedModel model = VerifiedModel.load(SILERO, SILERO_SHA256, 1)) {
            assertThat(model.session().getInputNames()).contains("input", "state", "sr");
        }
    }

    @Test
    void aModelWithAnotherDigestIsRefused() {
        assertThatThrownBy(() -> VerifiedModel.load(SILERO, "0".repeat(64), 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("SHA-256")
                .hasMessageContaining(SILERO_SHA256);
    }

    @Test
    void aMissingModelIsNamed() {
        assertThatThrownBy(() -> VerifiedModel.load("/models/nowhere.onnx", "0".repeat(64), 1))
                .hasMessageContaining("/models/nowhere.onnx");
    }
}
