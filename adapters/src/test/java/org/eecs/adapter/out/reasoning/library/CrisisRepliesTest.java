package org.eecs.adapter.out.reasoning.library;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.care.Tone;
import org.eecs.domain.safety.CrisisCategory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.core.io.ClassPathResource;

class CrisisRepliesTest {

    private static final CrisisReplyBook REPLIES =
            CrisisReplyBook.read(new ClassPathResource("reasoning/crisis-replies.tsv"));

    @ParameterizedTest
    @EnumSource(CrisisCategory.class)
    void everyCategoryHasAFixedCalmReply_thatSaysAPersonIsComing(CrisisCategory category) {
        Answer first = REPLIES.replyTo(category, "en", RobotAbilities.everything());
        Answer again = REPLIES.replyTo(category, "en-GB", RobotAbilities.everything());

        assertThat(again).isEqualTo(first);
        assertThat(first.reasoner().kind()).isEqualTo(Reasoner.Kind.CRISIS_PROTOCOL);
        assertThat(first.response().text()).containsIgnoringCase("care team");
        assertThat(first.response().motion()).isEqualTo(Motion.NONE);
        assertThat(first.response().face()).isEqualTo(FacialExpression.CONCERNED);
    }

    @Test
    void aLanguageWithoutRepliesGetsEnglish_andARobotWithoutAConcernedFaceLooksNeutral() {
        RobotAbilities plain = new RobotAbilities(Set.of(Tone.NEUTRAL), Set.of(FacialExpression.NEUTRAL),
                Set.of(Motion.NONE));

        Answer answer = REPLIES.replyTo(CrisisCategory.SUICIDE, "zh-CN", plain);

        assertThat(answer.response().text()).startsWith("I'm really glad you told me.");
        assertThat(answer.response().tone()).isEqualTo(Tone.NEUTRAL);
        assertThat(answer.response().face()).isEqualTo(FacialExpression.NEUTRAL);
    }

    @Test
    void mistakesAreRefused() {
        assertThatThrownBy(() -> CrisisReplyBook.of(ReviewableFile.parse("c.tsv",
                "en\tsuicide\tcalm\tconcerned\tnone\tHelp is coming.\n", 6)))
                .hasMessageContaining("none for [self-harm, abuse, medical-emergency]");
        assertThatThrownBy(() -> CrisisReplyBook.of(ReviewableFile.parse("c.tsv",
                "en\tsuicide\tcalm\tconcerned\tnone\tA.\nen\tsuicide\tcalm\tconcerned\tnone\tB.\n", 6)))
                .hasMessageContaining("c.tsv line 2").hasMessageContaining("a second suicide reply");
        assertThatThrownBy(() -> CrisisReplyBook.of(ReviewableFile.parse("c.tsv",
                "en\tpanic\tcalm\tconcerned\tnone\tA.\n", 6)))
                .hasMessageContaining("c.tsv line 1").hasMessageContaining("unknown crisis category");
    }
}
