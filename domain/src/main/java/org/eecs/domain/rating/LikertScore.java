package org.eecs.domain.rating;

import org.eecs.domain.DomainViolation;

/** The patient's answer on the study's five-point scale: 1 poor, 2 fair, 3 neutral, 4 good, 5 excellent (the paper, IV). */
public record LikertScore(int value) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    public LikertScore {
        if (value < LOWEST || value > HIGHEST) {
            throw new DomainViolation("a care-experience rating is " + LOWEST + " to " + HIGHEST
                    + " on the Likert scale, got " + value);
        }
    }

    public String label() {
        return switch (value) {
            case 1 -> "poor";
            case 2 -> "fair";
            case 3 -> "neutral";
            case 4 -> "good";
            default -> "excellent";
        };
    }
}
