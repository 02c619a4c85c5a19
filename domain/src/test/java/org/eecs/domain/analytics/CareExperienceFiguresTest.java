package org.eecs.domain.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eecs.domain.analytics.GroupResult.NoRatings;
import org.eecs.domain.analytics.GroupResult.Reason;
import org.eecs.domain.analytics.GroupResult.Reported;
import org.eecs.domain.analytics.GroupResult.Suppressed;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.rating.LikertScore;
import org.junit.jupiter.api.Test;

class CareExperienceFiguresTest {

    private static RatedSession rated(int score, Gender gender, AgeGroup age, boolean emotionInput, CareState emotion) {
        return new RatedSession(new LikertScore(score), gender, age, emotionInput, Optional.ofNullable(emotion));
    }

    private static List<RatedSession> times(int count, RatedSession session) {
        List<RatedSession> sessions = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            sessions.add(session);
        }
        return sessions;
    }

    @Test
    void everyDimensionListsAllItsGroupsInOrder_andEachSessionCountsOnceInEach() {
        List<RatedSession> sessions = new ArrayList<>();
        sessions.addAll(List.of(
                rated(5, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANXIETY),
                rated(4, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANXIETY),
                rated(4, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANXIETY),
                rated(5, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANXIETY),
                rated(3, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANXIETY)));
        sessions.addAll(times(5, rated(2, Gender.MALE, AgeGroup.ADULT, false, null)));

        CareExperienceFigures figures = CareExperienceFigures.of(sessions);

        assertThat(figures.overall()).isEqualTo(new Reported(CareExperienceFigures.ALL,
                ScoreSummary.of(sessions.stream().map(RatedSession::score).toList())));
        assertThat(figures.groups(Dimension.EMOTION_TYPE)).extracting(result -> result.group().key())
                .containsExactly("ANXIETY", "SADNESS", "ANGER", "FEAR", "FRUSTRATION", "NEUTRAL", "POSITIVE", "NONE");
        assertThat(figures.groups(Dimension.EMOTION_TYPE).getFirst()).isEqualTo(new Reported(
                new Dimension.Group("ANXIETY", "anxiety"), ScoreSummary.of(ScoreSummaryTest.scores(5, 4, 4, 5, 3))));
        assertThat(figures.groups(Dimension.EMOTION_TYPE).getLast())
                .isInstanceOfSatisfying(Reported.class, none -> assertThat(none.summary().mean()).isEqualTo(2.0));
        assertThat(figures.groups(Dimension.EMOTION_TYPE).subList(1, 7)).allMatch(NoRatings.class::isInstance);
        assertThat(figures.groups(Dimension.GENDER)).extracting(result -> result.group().key())
                .containsExactly("FEMALE", "MALE", "OTHER", "UNDISCLOSED");
        assertThat(figures.groups(Dimension.AGE_GROUP)).extracting(result -> result.group().key())
                .containsExactly("YOUTH", "ADULT", "SENIOR", "OTHER");
        assertThat(figures.groups(Dimension.EMOTION_INPUT)).extracting(result -> result.group().label())
                .containsExactly("with emotion input", "without emotion input");
        for (Dimension dimension : Dimension.values()) {
            assertThat(figures.groups(dimension).stream().filter(Reported.class::isInstance)
                    .mapToInt(result -> ((Reported) result).summary().count()).sum()).as(dimension.name())
                    .isEqualTo(10);
        }
    }

    @Test
    void aGroupOfFewerThanFiveRatingsIsSuppressed_andSoIsTheSmallestOtherGroup_lestSubtractionRevealIt() {
        List<RatedSession> sessions = new ArrayList<>();
        sessions.addAll(times(6, rated(5, Gender.FEMALE, AgeGroup.SENIOR, true, CareState.FEAR)));
        sessions.addAll(times(7, rated(4, Gender.MALE, AgeGroup.SENIOR, true, CareState.FEAR)));
        sessions.addAll(times(2, rated(1, Gender.OTHER, AgeGroup.SENIOR, true, CareState.FEAR)));

        CareExperienceFigures figures = CareExperienceFigures.of(sessions);

        // 15 in all: OTHER's 2 would be the total minus FEMALE and MALE, so FEMALE (the smaller) is hidden too
        assertThat(figures.groups(Dimension.GENDER)).extracting(GroupResult::getClass, result -> result.group().key())
                .containsExactly(
                        tuple(Suppressed.class, "FEMALE"),
                        tuple(Reported.class, "MALE"),
                        tuple(Suppressed.class, "OTHER"),
                        tuple(NoRatings.class, "UNDISCLOSED"));
        assertThat(figures.groups(Dimension.GENDER).get(0))
                .isEqualTo(new Suppressed(new Dimension.Group("FEMALE", "female"), Reason.COMPLEMENTARY));
        assertThat(figures.groups(Dimension.GENDER).get(2))
                .isEqualTo(new Suppressed(new Dimension.Group("OTHER", "other"), Reason.SMALL_GROUP));
        assertThat(figures.overall()).isInstanceOf(Reported.class);
    }

    @Test
    void smallGroupsThatTogetherHoldFiveOrMore_needNoOtherGroupHidden() {
        List<RatedSession> sessions = new ArrayList<>();
        sessions.addAll(times(3, rated(5, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.ANGER)));
        sessions.addAll(times(3, rated(4, Gender.MALE, AgeGroup.ADULT, true, CareState.ANGER)));
        sessions.addAll(times(8, rated(4, Gender.UNDISCLOSED, AgeGroup.SENIOR, true, CareState.ANGER)));

        CareExperienceFigures figures = CareExperienceFigures.of(sessions);

        assertThat(figures.groups(Dimension.AGE_GROUP)).extracting(GroupResult::getClass)
                .containsExactly(Suppressed.class, Suppressed.class, Reported.class, NoRatings.class);
    }

    @Test
    void fewerThanFiveRatingsInAll_suppressTheTotalAndEveryGroup() {
        CareExperienceFigures figures = CareExperienceFigures.of(
                times(4, rated(5, Gender.FEMALE, AgeGroup.YOUTH, true, CareState.SADNESS)));

        assertThat(figures.overall()).isEqualTo(new Suppressed(CareExperienceFigures.ALL, Reason.SMALL_GROUP));
        for (Dimension dimension : Dimension.values()) {
            assertThat(figures.groups(dimension)).noneMatch(Reported.class::isInstance)
                    .anyMatch(Suppressed.class::isInstance);
        }
    }

    @Test
    void noRatingsAtAll_isAReportOfEmptyGroups() {
        CareExperienceFigures figures = CareExperienceFigures.of(List.of());

        assertThat(figures.overall()).isEqualTo(new NoRatings(CareExperienceFigures.ALL));
        for (Dimension dimension : Dimension.values()) {
            assertThat(figures.groups(dimension)).hasSize(dimension.groups().size()).allMatch(NoRatings.class::isInstance);
        }
    }
}
