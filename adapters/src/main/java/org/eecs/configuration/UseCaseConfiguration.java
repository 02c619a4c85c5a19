package org.eecs.configuration;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.analytics.CareExperienceAnalytics;
import org.eecs.application.audit.AuditArchive;
import org.eecs.application.audit.AuditExportDesk;
import org.eecs.application.audit.AuditExportWriting;
import org.eecs.application.audit.AuditSearch;
import org.eecs.application.audit.AuditTrailVerifier;
import org.eecs.application.configuration.ConfigurationReview;
import org.eecs.application.consent.ConsentDesk;
import org.eecs.application.exchange.BulkExport;
import org.eecs.application.exchange.CareRecordExchange;
import org.eecs.application.export.ExportQueue;
import org.eecs.application.export.ExportWork;
import org.eecs.application.generation.PreparingPerformance;
import org.eecs.application.patient.CareTeamDesk;
import org.eecs.application.patient.PatientRegistry;
import org.eecs.application.port.out.AuditExports;
import org.eecs.application.port.out.AlertClinicians;
import org.eecs.application.port.out.AnimateFace;
import org.eecs.application.port.out.AuditExportFiles;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.BulkExportFiles;
import org.eecs.application.port.out.BulkExportJobs;
import org.eecs.application.port.out.AuditTrailPartitions;
import org.eecs.application.port.out.AuditTrailSearch;
import org.eecs.application.port.out.CareExperienceRatings;
import org.eecs.application.port.out.CareRecords;
import org.eecs.application.port.out.CareSessions;
import org.eecs.application.port.out.CareTeams;
import org.eecs.application.port.out.ConfigurationSettings;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.CrisisReplies;
import org.eecs.application.port.out.Escalations;
import org.eecs.application.port.out.ExportFiles;
import org.eecs.application.port.out.ExportJobs;
import org.eecs.application.port.out.GuardViolations;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.PlanMotion;
import org.eecs.application.port.out.RatedSessions;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.port.out.RecognizeFacialExpression;
import org.eecs.application.port.out.RecognizeTextCues;
import org.eecs.application.port.out.Recordings;
import org.eecs.application.port.out.RecognizeCrisis;
import org.eecs.application.port.out.ReviewNotes;
import org.eecs.application.port.out.RobotProfile;
import org.eecs.application.port.out.Robots;
import org.eecs.application.port.out.SynthesizeSpeech;
import org.eecs.application.port.out.Transactions;
import org.eecs.application.port.out.TranscribeSpeech;
import org.eecs.application.port.out.Turns;
import org.eecs.application.port.out.TurnOpenings;
import org.eecs.application.port.out.TurnsRecorded;
import org.eecs.application.reasoning.ResponseGuard;
import org.eecs.application.reasoning.SafeCareReasoning;
import org.eecs.application.review.SessionReview;
import org.eecs.application.robot.RobotRegistry;
import org.eecs.application.safety.EscalationDesk;
import org.eecs.application.session.CareSessionDesk;
import org.eecs.application.turn.RecordingRetention;
import org.eecs.application.turn.TakingTurns;
import org.eecs.domain.emotion.EmotionFusion;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The use cases, wired by hand from the ports that the adapters implement: the application layer itself
 * knows nothing of Spring. Each bean is exposed under its inbound ports.
 */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    /** The hospital's clock: its zone decides what "a day" of sessions is. */
    @Bean
    Clock clock(@Value("${eecs.hospital-zone}") ZoneId hospitalZone) {
        return Clock.system(hospitalZone);
    }

    @Bean
    CareRecordAccess careRecordAccess(Patients patients, CareTeams careTeams, CareSessions sessions,
                                      AuditTrail auditTrail, Transactions transactions, Clock clock) {
        return new CareRecordAccess(patients, careTeams, sessions, auditTrail, transactions, clock);
    }

    @Bean
    PatientRegistry patientRegistry(Patients patients, CareTeams careTeams, CareRecordAccess access,
                                    Transactions transactions, Clock clock) {
        return new PatientRegistry(patients, careTeams, access, transactions, clock);
    }

    @Bean
    CareTeamDesk careTeamDesk(Patients patients, CareTeams careTeams, CareRecordAccess access,
                              Transactions transactions) {
        return new CareTeamDesk(patients, careTeams, access, transactions);
    }

    @Bean
    ConsentDesk consentDesk(Consents consents, CareRecordAccess access, Transactions transactions, Clock clock,
                            CareSessionDesk careSessionDesk) {
        // a withdrawal aborts the patient's running session in the same unit of work
        return new ConsentDesk(consents, access, transactions, clock, careSessionDesk);
    }

    @Bean
    RobotRegistry robotRegistry(Robots robots, CareRecordAccess access, Transactions transactions) {
        return new RobotRegistry(robots, access, transactions);
    }

    @Bean
    CareSessionDesk careSessionDesk(CareSessions sessions, Robots robots, Consents consents, CareRecordAccess access,
                                    Transactions transactions, Clock clock) {
        return new CareSessionDesk(sessions, robots, consents, access, transactions, clock);
    }

    @Bean
    SessionReview sessionReview(Turns turns, ReviewNotes notes, CareExperienceRatings ratings,
                                CareRecordAccess access, Transactions transactions, Clock clock) {
        return new SessionReview(turns, notes, ratings, access, transactions, clock);
    }

    @Bean
    ConfigurationReview configurationReview(ConfigurationSettings settings, CareRecordAccess access,
                                            Transactions transactions) {
        return new ConfigurationReview(settings, access, transactions);
    }

    @Bean
    CareRecordExchange careRecordExchange(CareRecords records, Patients patients, Consents consents,
                                          CareRecordAccess access, Transactions transactions, Clock clock) {
        return new CareRecordExchange(records, patients, consents, access, transactions, clock);
    }

    @Bean
    BulkExport bulkExport(CareRecords records, BulkExportJobs bulkJobs, ExportJobs jobs, BulkExportFiles files,
                          AuditTrail auditTrail, CareRecordAccess access, Transactions transactions, Clock clock) {
        return new BulkExport(records, bulkJobs, jobs, files, auditTrail, access, transactions, clock);
    }

    /** Every kind of export, run one way: FHIR bulk exports and auditors' exports (docs/decisions/0003). */
    @Bean
    ExportQueue exportQueue(ExportJobs jobs, ExportFiles files, List<ExportWork> works, Transactions transactions,
                            Clock clock, @Value("${eecs.exports.lease}") Duration lease,
                            @Value("${eecs.exports.retention}") Duration retention) {
        return new ExportQueue(jobs, files, works, transactions, clock, lease, retention);
    }

    @Bean
    AuditTrailVerifier auditTrailVerifier(AuditTrail auditTrail, Transactions transactions, Clock clock) {
        return new AuditTrailVerifier(auditTrail, transactions, clock);
    }

    @Bean
    AuditSearch auditSearch(AuditTrailSearch search, CareRecordAccess access, Transactions transactions) {
        return new AuditSearch(search, access, transactions);
    }

    @Bean
    AuditExportDesk auditExportDesk(AuditExports exports, AuditExportFiles files, AuditTrail auditTrail,
                                    CareSessions sessions, CareRecordAccess access, Transactions transactions,
                                    Clock clock) {
        return new AuditExportDesk(exports, files, auditTrail, sessions, access, transactions, clock);
    }

    @Bean
    AuditExportWriting auditExportWriting(AuditExports exports, AuditExportFiles files, AuditTrailSearch search,
                                          AuditTrail auditTrail, AuditTrailPartitions partitions,
                                          CareSessions sessions, Consents consents, Turns turns,
                                          Escalations escalations, GuardViolations violations,
                                          Transactions transactions, Clock clock) {
        return new AuditExportWriting(exports, files, search, auditTrail, partitions,
                new AuditExportWriting.SessionRecords(sessions, consents, turns, escalations, violations),
                transactions, clock);
    }

    @Bean
    AuditArchive auditArchive(AuditTrailPartitions partitions, AuditExports exports, CareRecordAccess access,
                              Transactions transactions, Clock clock) {
        return new AuditArchive(partitions, exports, access, transactions, clock);
    }

    /**
     * Safety first, then the language model (when {@code eecs.reasoning.llm.provider} names one), then the care
     * library. The language model and the care library are both {@link ReasonAboutCare}s, told apart by name.
     */
    @Bean
    SafeCareReasoning safeCareReasoning(RecognizeCrisis crisis, CrisisReplies crisisReplies,
                                        @Qualifier("languageModel") ObjectProvider<ReasonAboutCare> languageModel,
                                        @Qualifier("careLibrary") ReasonAboutCare careLibrary,
                                        @Value("${eecs.reasoning.guard.max-length:" + ResponseGuard.DEFAULT_MAX_LENGTH
                                                + "}") int maxLength,
                                        RobotProfile robot, CareSessions sessions, Escalations escalations,
                                        AlertClinicians alerts, GuardViolations violations, AuditTrail auditTrail,
                                        Transactions transactions, Clock clock) {
        return new SafeCareReasoning(
                new SafeCareReasoning.Reasoners(crisis, crisisReplies, Optional.ofNullable(languageModel.getIfAvailable()),
                        careLibrary, new ResponseGuard(maxLength)),
                robot,
                new SafeCareReasoning.Records(sessions, escalations, alerts, violations, auditTrail, transactions),
                clock);
    }

    @Bean
    EscalationDesk escalationDesk(Escalations escalations, AlertClinicians alerts, CareRecordAccess access,
                                  Transactions transactions, Clock clock) {
        return new EscalationDesk(escalations, alerts, access, transactions, clock);
    }

    /**
     * The care turn: recognition, safe reasoning, generation and the record. The face of a recorded utterance is read
     * on {@code turnWork} while its speech is transcribed on the request's thread.
     */
    @Bean
    TakingTurns takingTurns(RecognizeFacialExpression faces, TranscribeSpeech speech, RecognizeTextCues textCues,
                            @Qualifier("turnWork") Executor turnWork, SafeCareReasoning reasoning,
                            PreparingPerformance performance, TakingTurns.Records turnRecords,
                            CareRecordAccess access, Clock clock) {
        return new TakingTurns(new TakingTurns.Recognizers(faces, speech, textCues, new EmotionFusion(), turnWork),
                reasoning, performance, turnRecords, access, clock);
    }

    /** Where every care turn is kept, and who is told of it once recorded (the live view, the metrics), in turn. */
    @Bean
    TakingTurns.Records turnRecords(CareSessions sessions, TurnOpenings openings, Consents consents, Turns turns,
                                    Recordings recordings, Transactions transactions, List<TurnsRecorded> told) {
        TurnsRecorded recorded = turn -> told.forEach(listener -> listener.recorded(turn));
        return new TakingTurns.Records(sessions, openings, consents, turns, recordings, transactions, recorded);
    }

    /** Daemon threads for the parts of a turn that run beside the request's own. */
    @Bean(destroyMethod = "shutdown")
    ExecutorService turnWork() {
        AtomicInteger next = new AtomicInteger();
        return Executors.newCachedThreadPool(work -> {
            Thread thread = new Thread(work, "turn-work-" + next.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    @Bean
    RecordingRetention recordingRetention(Recordings recordings, AuditTrail auditTrail, Transactions transactions,
                                          Clock clock) {
        return new RecordingRetention(recordings, auditTrail, transactions, clock);
    }

    @Bean
    PreparingPerformance preparingPerformance(SynthesizeSpeech speech, AnimateFace face, PlanMotion motion,
                                              RobotProfile robot) {
        return new PreparingPerformance(speech, face, motion, robot);
    }

    @Bean
    CareExperienceAnalytics careExperienceAnalytics(RatedSessions ratedSessions, CareRecordAccess access,
                                                    Transactions transactions, Clock clock) {
        return new CareExperienceAnalytics(ratedSessions, access, transactions, clock);
    }
}
