package org.eecs.domain.analytics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Gender;

/**
 * A way of splitting the ratings into groups, after the paper's Table I (emotion type, gender, age group) and its
 * Table II (with and without emotion input). Every rated session falls in exactly one group of each dimension, and
 * each dimension lists all its groups, in a fixed order, whether they have ratings or not.
 */
public enum Dimension {

    EMOTION_TYPE("emotion type", emotionTypes(), session -> session.dominantEmotion()
            .map(DimensionGroups::emotionType).orElse(DimensionGroups.NO_EMOTION_OBSERVED)),
    GENDER("gender", Arrays.stream(Gender.values()).map(DimensionGroups::gender).toList(),
            session -> DimensionGroups.gender(session.gender())),
    AGE_GROUP("age group", Arrays.stream(AgeGroup.values()).map(DimensionGroups::ageGroup).toList(),
            session -> DimensionGroups.ageGroup(session.ageGroup())),
    EMOTION_INPUT("emotion input", List.of(DimensionGroups.WITH_EMOTION_INPUT, DimensionGroups.WITHOUT_EMOTION_INPUT),
            session -> session.emotionInput() ? DimensionGroups.WITH_EMOTION_INPUT
                    : DimensionGroups.WITHOUT_EMOTION_INPUT);

    private final String label;
    private final List<Group> groups;
    private final Function<RatedSession, Group> groupOf;

    Dimension(String label, List<Group> groups, Function<RatedSession, Group> groupOf) {
        this.label = label;
        this.groups = groups;
        this.groupOf = groupOf;
    }

    public String label() {
        return label;
    }

    /** All the groups of this dimension, in report order. */
    public List<Group> groups() {
        return groups;
    }

    public Group groupOf(RatedSession session) {
        return groupOf.apply(session);
    }

    private static List<Group> emotionTypes() {
        List<Group> groups = new ArrayList<>(
                Arrays.stream(CareState.values()).map(DimensionGroups::emotionType).toList());
        groups.add(DimensionGroups.NO_EMOTION_OBSERVED);
        return List.copyOf(groups);
    }

    /**
     * One group: a stable key for machines ("ANXIETY", "NONE", "WITH") and a label for people.
     */
    public record Group(String key, String label) {
    }

    /** The groups' keys and labels; a holder, since an enum's constants cannot refer to its own static fields. */
    static final class DimensionGroups {

        static final Group NO_EMOTION_OBSERVED = new Group("NONE", "no emotion observed");
        static final Group WITH_EMOTION_INPUT = new Group("WITH", "with emotion input");
        static final Group WITHOUT_EMOTION_INPUT = new Group("WITHOUT", "without emotion input");

        private DimensionGroups() {
        }

        static Group emotionType(CareState state) {
            return new Group(state.name(), state.className());
        }

        static Group gender(Gender gender) {
            return new Group(gender.name(), gender.name().toLowerCase(Locale.ROOT));
        }

        static Group ageGroup(AgeGroup group) {
            return new Group(group.name(), group.label());
        }
    }
}
