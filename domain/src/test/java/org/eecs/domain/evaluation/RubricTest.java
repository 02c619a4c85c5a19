package org.eecs.domain.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.rating.LikertScore;
import org.junit.jupiter.api.Test;

class RubricTest {

    private static final Rubric RUBRIC = Rubric.CARE_RESPONSE;

    private static Map<String, Integer> all(int score) {
        Map<String, Integer> scores = new HashMap<>();
        RUBRIC.keys().forEach(key -> scores.put(key, score));
        return scores;
    }

    @Test
    void theCareRubricAsksFiveQualitiesAndTheCareExperience_eachWithWhatItsPointsMean() {
        assertThat(RUBRIC.version()).isEqualTo("care-rubric-1");
        assertThat(RUBRIC.keys()).containsExactly("empathy", "support", "voice", "face", "motion", "overall");
        assertThat(RUBRIC.criteria()).allSatisfy(criterion -> assertThat(criterion.anchors()).hasSize(5));
    }

    @Test
    void theCareExperienceIsThePapersLikertScale() {
        Rubric.Criterion overall = RUBRIC.criteria().getLast();
        for (int score = 1; score <= 5; score++) {
            assertThat(overall.anchor(score)).isEqualTo(new LikertScore(score).label());
        }
    }

    @Test
    void aJudgementHasEveryScore_inTheRubricsOrder() {
        Map<String, Integer> scores = all(4);
        scores.put("overall", 5);

        Judgement judgement = RUBRIC.judgement("openai judge", scores, "  warm and fitting  ");

        assertThat(judgement.scores().keySet()).containsExactlyElementsOf(RUBRIC.keys());
        assertThat(judgement.score("overall")).isEqualTo(5);
        assertThat(judgement.rubricVersion()).isEqualTo("care-rubric-1");
        assertThat(judgement.rationale()).isEqualTo("warm and fitting");
    }

    @Test
    void aMissingAnUnknownOrAnOutOfRangeScore_isRefusedSayingWhich() {
        Map<String, Integer> missing = all(3);
        missing.remove("motion");
        Map<String, Integer> unknown = all(3);
        unknown.put("humour", 4);
        Map<String, Integer> tooHigh = all(3);
        tooHigh.put("voice", 6);

        assertThatThrownBy(() -> RUBRIC.judgement("j", missing, "")).isInstanceOf(DomainViolation.class)
                .hasMessage("no score for \"motion\"");
        assertThatThrownBy(() -> RUBRIC.judgement("j", unknown, "")).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("\"humour\" is not a criterion of care-rubric-1");
        assertThatThrownBy(() -> RUBRIC.judgement("j", tooHigh, "")).isInstanceOf(DomainViolation.class)
                .hasMessage("the score for \"voice\" is 1 to 5, got 6");
    }

    @Test
    void aCriterionSaysWhatEachOfTheFivePointsMeans() {
        assertThatThrownBy(() -> new Rubric.Criterion("k", "K", "?", List.of("bad", "good")))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("got 2 anchors");
    }
}
