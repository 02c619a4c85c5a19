package org.eecs.domain.analytics;

import java.util.Optional;
import org.eecs.domain.Require;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.patient.AgeGroup;
import org.eecs.domain.patient.Gender;
import org.eecs.domain.rating.LikertScore;

/**
 * One rated session as the care-experience report counts it: the patient's score, who the patient is in the
 * report's terms (gender, age group in the year of the session), whether the session ran with emotion input, and
 * its {@link DominantEmotion} (absent when no fused observation was made). Nothing that names the patient.
 */
public record RatedSession(LikertScore score, Gender gender, AgeGroup ageGroup, boolean emotionInput,
                           Optional<CareState> dominantEmotion) {

    public RatedSession {
        Require.present("score", score);
        Require.present("gender", gender);
        Require.present("age group", ageGroup);
        Require.present("dominant emotion (empty when none)", dominantEmotion);
    }
}
