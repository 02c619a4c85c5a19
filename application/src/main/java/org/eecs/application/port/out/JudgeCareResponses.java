package org.eecs.application.port.out;

import org.eecs.domain.Require;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.emotion.CareState;
import org.eecs.domain.evaluation.Judgement;
import org.eecs.domain.evaluation.Rubric;

/**
 * A language model that scores one care response against a rubric, for the evaluation only: its scores are the
 * judge's, never a patient's rating. It is told the situation and the answer, not how the answer was produced.
 */
public interface JudgeCareResponses {

    /** Who judges, as its scores are labelled: e.g. "openai Qwen/Qwen2.5-14B-Instruct". */
    String name();

    /**
     * @throws JudgementUnavailable when no valid judgement came (unreachable, too slow, invalid after a repair)
     */
    Judgement judge(JudgedResponse response, Rubric rubric);

    /**
     * @param feeling     the emotional state the patient plays
     * @param situation   the scenario's situation in a few words
     * @param patientSaid what the patient said
     * @param response    the robot's answer: words, tone, face, motion
     */
    record JudgedResponse(CareState feeling, String situation, String patientSaid, CareResponse response) {
        public JudgedResponse {
            Require.present("feeling", feeling);
            Require.text("situation", situation, 200);
            Require.present("patient said", patientSaid);
            Require.present("response", response);
        }
    }

    class JudgementUnavailable extends RuntimeException {

        public JudgementUnavailable(String reason) {
            super(reason);
        }

        public JudgementUnavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
