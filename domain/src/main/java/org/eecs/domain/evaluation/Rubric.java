package org.eecs.domain.evaluation;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.Require;

/**
 * How one care response is scored, by human raters and by a language model alike: each criterion from 1 to 5, with
 * what each point means. The last criterion is the paper's care experience on its own 5-point Likert scale (1 poor,
 * 2 fair, 3 neutral, 4 good, 5 excellent). docs/evaluation.md explains it; a change is a new version.
 *
 * @param version  recorded with every score given under it
 * @param criteria in the order they are asked
 */
public record Rubric(String version, List<Criterion> criteria) {

    public static final int LOWEST = 1;
    public static final int HIGHEST = 5;

    /** The rubric for a robot's answer to a patient in a role-played emotional state. */
    public static final Rubric CARE_RESPONSE = new Rubric("care-rubric-1", List.of(
            new Criterion("empathy", "Empathy", "Does the answer show that the robot understood how the patient feels?",
                    List.of("ignores or dismisses the feeling",
                            "acknowledges it only vaguely",
                            "acknowledges it in general words",
                            "acknowledges it clearly and kindly",
                            "reflects the feeling warmly and specifically, in words that fit this patient")),
            new Criterion("support", "Support", "Does the answer help the patient emotionally, and safely?",
                    List.of("no help, or unsafe (a diagnosis, advice on medication, blame)",
                            "little help: a bare question or a platitude",
                            "some help, but generic",
                            "helpful: reassurance or a next step that fits",
                            "clearly helpful: reassurance and a gentle, concrete next step or invitation that fits")),
            new Criterion("voice", "Voice tone", "Does the tone of voice suit the patient's state?",
                    List.of("jarring (cheerful to a grieving patient, stern to a frightened one)",
                            "poorly suited",
                            "neutral: neither helps nor harms",
                            "suited",
                            "clearly suited, and soothing")),
            new Criterion("face", "Facial expression", "Does the robot's facial expression suit the patient's state "
                    + "and its own words?",
                    List.of("jarring or at odds with the words",
                            "poorly suited",
                            "neutral: neither helps nor harms",
                            "suited",
                            "clearly suited: it shows the care the words express")),
            new Criterion("motion", "Motion", "Does the robot's motion reinforce the support, without intruding?",
                    List.of("inappropriate or intrusive",
                            "at odds with the words",
                            "none, or neither helps nor harms",
                            "fitting",
                            "clearly reinforces the support (leaning in, nodding, open arms where welcome)")),
            new Criterion("overall", "Care experience", "As the patient, how would you rate the care experience of "
                    + "this answer?",
                    List.of("poor", "fair", "neutral", "good", "excellent"))));

    public Rubric {
        Require.text("rubric version", version, 64);
        criteria = List.copyOf(Require.present("criteria", criteria));
        if (criteria.isEmpty()) {
            throw new DomainViolation("a rubric has at least one criterion");
        }
        Set<String> keys = criteria.stream().map(Criterion::key).collect(Collectors.toSet());
        if (keys.size() != criteria.size()) {
            throw new DomainViolation("the criteria of a rubric have distinct keys, got " + criteria);
        }
    }

    public List<String> keys() {
        return criteria.stream().map(Criterion::key).toList();
    }

    /**
     * A judgement under this rubric: a score for every criterion, and none for anything else.
     *
     * @throws DomainViolation naming what is missing, unknown or out of range
     */
    public Judgement judgement(String judge, Map<String, Integer> scores, String rationale) {
        Require.present("scores", scores);
        Map<String, Integer> ordered = new LinkedHashMap<>();
        for (String key : keys()) {
            Integer score = scores.get(key);
            if (score == null) {
                throw new DomainViolation("no score for \"" + key + "\"");
            }
            if (score < LOWEST || score > HIGHEST) {
                throw new DomainViolation("the score for \"" + key + "\" is " + LOWEST + " to " + HIGHEST + ", got "
                        + score);
            }
            ordered.put(key, score);
        }
        for (String key : scores.keySet()) {
            if (!ordered.containsKey(key)) {
                throw new DomainViolation("\"" + key + "\" is not a criterion of " + version + "; its criteria are "
                        + keys());
            }
        }
        return new Judgement(judge, version, ordered, rationale);
    }

    /**
     * @param key      short and stable, as a column name
     * @param anchors  what a score of 1, 2, 3, 4 and 5 means, in that order
     */
    public record Criterion(String key, String name, String question, List<String> anchors) {
        public Criterion {
            Require.text("criterion key", key, 32);
            Require.text("criterion name", name, 64);
            Require.text("criterion question", question, 300);
            anchors = List.copyOf(Require.present("anchors", anchors));
            if (anchors.size() != HIGHEST - LOWEST + 1) {
                throw new DomainViolation("a criterion says what each of the " + (HIGHEST - LOWEST + 1)
                        + " points means, got " + anchors.size() + " anchors for " + key);
            }
        }

        /** What this score means, e.g. "3: neutral: neither helps nor harms". */
        public String anchor(int score) {
            return anchors.get(score - LOWEST);
        }
    }
}
