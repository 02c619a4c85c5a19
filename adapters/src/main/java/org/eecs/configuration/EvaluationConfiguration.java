package org.eecs.configuration;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.consent.ConsentDesk;
import org.eecs.application.evaluation.RolePlayEvaluation;
import org.eecs.application.evaluation.ScriptedInputs;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.application.patient.PatientRegistry;
import org.eecs.application.port.out.JudgeCareResponses;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.reasoning.SafeCareReasoning;
import org.eecs.application.robot.RobotRegistry;
import org.eecs.application.session.CareSessionDesk;
import org.eecs.application.turn.TakingTurns;
import org.eecs.domain.emotion.EmotionFusion;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The evaluation harness (docs/evaluation.md): the care turn exactly as the robot API's, with the same recognisers,
 * reasoning, generation and records, except that a scenario may script the words heard and the face seen.
 */
@Configuration(proxyBeanMethods = false)
class EvaluationConfiguration {

    @Bean
    RolePlayEvaluation rolePlayEvaluation(RecognizeFacialExpression faces, TranscribeSpeech speech,
                                          RecognizeTextCues textCues, @Qualifier("turnWork") Executor turnWork,
                                          SafeCareReasoning reasoning, PreparingPerformance performance,
                                          TakingTurns.Records turnRecords, CareRecordAccess access,
                                          RobotRegistry robotRegistry, PatientRegistry patientRegistry,
                                          ConsentDesk consentDesk, CareSessionDesk careSessionDesk, ObjectProvider<JudgeCareResponses> judge,
                                          Clock clock) {
        ScriptedInputs inputs = new ScriptedInputs(faces, speech);
        TakingTurns scriptedTurns = new TakingTurns(
                new TakingTurns.Recognizers(inputs.faces(), inputs.speech(), textCues, new EmotionFusion(), turnWork),
                reasoning, performance, turnRecords, access, clock);
        return new RolePlayEvaluation(inputs, scriptedTurns,
                new RolePlayEvaluation.Desks(robotRegistry, patientRegistry, consentDesk, careSessionDesk),
                Optional.ofNullable(judge.getIfAvailable()), clock);
    }
}
