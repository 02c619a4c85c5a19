package org.eecs.robot.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class PlanReaderTest {

    private final PlanReader reader = new PlanReader();

    @Test
    void aPlanInTheDocumentedWireForm_isReadWithEveryPartIntact() {
        PerformancePlan sent = TestPlans.nodding(1.5);

        PerformancePlan read = reader.read(TestPlans.wireBytes(sent));

        assertThat(read.durationUs()).isEqualTo(sent.durationUs());
        assertThat(read.response()).isEqualTo(sent.response());
        assertThat(read.speech().audio().length()).isEqualTo(24_000);
        assertThat(read.speech().durationUs()).isEqualTo(1_500_000);
        assertThat(read.face().channels()).isEqualTo(sent.face().channels());
        assertThat(read.face().frameCount()).isEqualTo(45);
        // a byte b stands for b / 255
        assertThat(read.face().values()).usingElementComparator((a, b) -> Math.abs(a - b) <= 1f / 255 ? 0 : 1)
                .containsExactly(sent.face().values());
        assertThat(read.motion().orElseThrow().positions()).containsExactly(sent.motion().orElseThrow().positions());
        assertThat(read.face().frameStartUs(1)).isEqualTo(33_333);
        assertThat(read.face().frameAt(33_332)).isZero();
        assertThat(read.face().frameAt(33_333)).isEqualTo(1);
        assertThat(read.face().frameAt(1_500_000)).isEqualTo(-1);
    }

    @Test
    void aPlanOfAnotherVersion_isRefusedNamingTheVersion() {
        ObjectNode wire = TestPlans.wire(TestPlans.nodding(0.5)).put("version", 2);

        assertThatThrownBy(() -> reader.read(wire)).isInstanceOf(UnreadablePlan.class)
                .hasMessage("version: this robot performs version 1 plans, got 2");
    }

    @Test
    void faceFramesThatDoNotMatchTheirCount_areRefused() {
        ObjectNode wire = TestPlans.wire(TestPlans.nodding(0.5));
        ((ObjectNode) wire.get("face")).put("frameCount", 16);

        assertThatThrownBy(() -> reader.read(wire)).isInstanceOf(UnreadablePlan.class)
                .hasMessageContaining("face.frames: 165 bytes, expected frameCount x channels = 16 x 11");
    }

    @Test
    void aSampleCountThatIsNotTheWavs_isRefused() {
        ObjectNode wire = TestPlans.wire(TestPlans.nodding(0.5));
        ((ObjectNode) wire.get("speech")).put("sampleCount", 9);

        assertThatThrownBy(() -> reader.read(wire)).isInstanceOf(UnreadablePlan.class)
                .hasMessage("speech.sampleCount: 9 declared, the WAV holds 8000");
    }

    @Test
    void aBrokenWavOrBase64_isRefusedNamingTheField() {
        ObjectNode notWav = TestPlans.wire(TestPlans.nodding(0.5));
        ((ObjectNode) notWav.get("speech")).put("wav", "AAAA");
        ObjectNode notBase64 = TestPlans.wire(TestPlans.nodding(0.5));
        ((ObjectNode) notBase64.get("motion")).put("positions", "***");

        assertThatThrownBy(() -> reader.read(notWav)).hasMessageStartingWith("speech.wav: ");
        assertThatThrownBy(() -> reader.read(notBase64)).hasMessageStartingWith("motion.positions: not base64");
    }

    @Test
    void somethingThatIsNotJson_isRefused() {
        assertThatThrownBy(() -> reader.read("<html>".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(UnreadablePlan.class).hasMessageStartingWith("not a performance plan");
    }
}
