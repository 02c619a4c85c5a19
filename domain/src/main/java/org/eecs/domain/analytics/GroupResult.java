package org.eecs.domain.analytics;

import org.eecs.domain.Require;
import org.eecs.domain.analytics.Dimension.Group;

/**
 * What the report shows for one group: its figures, or why it shows none. A suppressed group shows no number at
 * all, not even its count.
 */
public sealed interface GroupResult {

    Group group();

    /** A group of at least {@link CareExperienceFigures#MINIMUM_GROUP_SIZE} ratings, with its figures. */
    record Reported(Group group, ScoreSummary summary) implements GroupResult {
        public Reported {
            Require.present("group", group);
            Require.present("summary", summary);
        }
    }

    /**
     * A group whose figures are withheld so that no patient can be singled out: it has fewer than
     * {@link CareExperienceFigures#MINIMUM_GROUP_SIZE} ratings ({@link Reason#SMALL_GROUP}), or its figures
     * together with the total would reveal such a group's ({@link Reason#COMPLEMENTARY}).
     */
    record Suppressed(Group group, Reason reason) implements GroupResult {
        public Suppressed {
            Require.present("group", group);
            Require.present("reason", reason);
        }
    }

    /** A group no rating in the report falls into. */
    record NoRatings(Group group) implements GroupResult {
        public NoRatings {
            Require.present("group", group);
        }
    }

    enum Reason {
        SMALL_GROUP("fewer than " + CareExperienceFigures.MINIMUM_GROUP_SIZE
                + " ratings: not shown, so that no patient can be singled out"),
        COMPLEMENTARY("not shown, since with the total it would reveal the figures of a group of fewer than "
                + CareExperienceFigures.MINIMUM_GROUP_SIZE + " ratings");

        private final String explanation;

        Reason(String explanation) {
            this.explanation = explanation;
        }

        public String explanation() {
            return explanation;
        }
    }
}
