package org.eecs.domain.analytics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eecs.domain.Require;
import org.eecs.domain.analytics.Dimension.Group;
import org.eecs.domain.analytics.GroupResult.NoRatings;
import org.eecs.domain.analytics.GroupResult.Reason;
import org.eecs.domain.analytics.GroupResult.Reported;
import org.eecs.domain.analytics.GroupResult.Suppressed;
import org.eecs.domain.rating.LikertScore;

/**
 * The figures of a care-experience report (the paper's Table I, and its with/without emotion input comparison): the
 * mean score with its 95% confidence interval ({@link ScoreSummary}) over all rated sessions, and for every group of
 * every {@link Dimension}.
 *
 * <h2>Small groups</h2>
 * A group of fewer than {@value #MINIMUM_GROUP_SIZE} ratings is suppressed: the report says so and shows none of its
 * numbers, not even the count. Since every rating falls in exactly one group of each dimension, the total and the
 * other groups would give a lone suppressed group's count and sum away by subtraction; so within a dimension, while
 * the suppressed groups together hold 1 to {@value #MINIMUM_GROUP_SIZE}-minus-one ratings, the smallest reported group is
 * suppressed too (complementary suppression). Then whatever can be subtracted out is a group of at least
 * {@value #MINIMUM_GROUP_SIZE}. The total itself is suppressed when it holds fewer than {@value #MINIMUM_GROUP_SIZE}
 * ratings, and then every group is too. A group without ratings says so.
 */
public record CareExperienceFigures(GroupResult overall, Map<Dimension, List<GroupResult>> byDimension) {

    public static final int MINIMUM_GROUP_SIZE = 5;
    public static final Group ALL = new Group("ALL", "all rated sessions");

    public CareExperienceFigures {
        Require.present("overall", overall);
        Require.present("groups by dimension", byDimension);
        Map<Dimension, List<GroupResult>> copy = new EnumMap<>(Dimension.class);
        byDimension.forEach((dimension, groups) -> copy.put(dimension, List.copyOf(groups)));
        byDimension = Collections.unmodifiableMap(copy);
    }

    public static CareExperienceFigures of(List<RatedSession> sessions) {
        Require.present("rated sessions", sessions);
        GroupResult overall = result(ALL, scoresOf(sessions));
        Map<Dimension, List<GroupResult>> byDimension = new EnumMap<>(Dimension.class);
        for (Dimension dimension : Dimension.values()) {
            Map<Group, List<LikertScore>> scores = new LinkedHashMap<>();
            dimension.groups().forEach(group -> scores.put(group, new ArrayList<>()));
            sessions.forEach(session -> scores.get(dimension.groupOf(session)).add(session.score()));
            byDimension.put(dimension, complemented(scores));
        }
        return new CareExperienceFigures(overall, byDimension);
    }

    /**
     * The results of one dimension, once complementary suppression has hidden what subtraction would reveal; the
     * smallest reported group goes first, on a tie the one listed first. (With a suppressed total every group holds
     * fewer than the minimum, so none is reported and there is nothing to complement.)
     */
    private static List<GroupResult> complemented(Map<Group, List<LikertScore>> scores) {
        Map<Group, GroupResult> results = new LinkedHashMap<>();
        scores.forEach((group, groupScores) -> results.put(group, result(group, groupScores)));
        while (true) {
            int hidden = results.values().stream().filter(Suppressed.class::isInstance)
                    .mapToInt(result -> scores.get(result.group()).size()).sum();
            if (hidden == 0 || hidden >= MINIMUM_GROUP_SIZE) {
                return List.copyOf(results.values());
            }
            Optional<Reported> smallest = results.values().stream().filter(Reported.class::isInstance)
                    .map(Reported.class::cast)
                    .min(Comparator.comparingInt(reported -> reported.summary().count()));
            if (smallest.isEmpty()) {
                return List.copyOf(results.values());
            }
            results.put(smallest.get().group(), new Suppressed(smallest.get().group(), Reason.COMPLEMENTARY));
        }
    }

    private static GroupResult result(Group group, List<LikertScore> scores) {
        if (scores.isEmpty()) {
            return new NoRatings(group);
        }
        if (scores.size() < MINIMUM_GROUP_SIZE) {
            return new Suppressed(group, Reason.SMALL_GROUP);
        }
        return new Reported(group, ScoreSummary.of(scores));
    }

    private static List<LikertScore> scoresOf(List<RatedSession> sessions) {
        return sessions.stream().map(RatedSession::score).toList();
    }

    public List<GroupResult> groups(Dimension dimension) {
        return byDimension.get(dimension);
    }
}
