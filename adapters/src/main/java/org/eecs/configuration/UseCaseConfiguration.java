package org.eecs.configuration;

import java.time.Clock;
import org.eecs.application.audit.AuditTrailVerifier;
import org.eecs.application.consent.ConsentDesk;
import org.eecs.application.patient.PatientRegistry;
import org.eecs.application.port.in.RecordingConsent;
import org.eecs.application.port.in.RegisteringPatient;
import org.eecs.application.port.in.VerifyingAuditTrail;
import org.eecs.application.port.out.AuditTrail;
import org.eecs.application.port.out.Consents;
import org.eecs.application.port.out.Patients;
import org.eecs.application.port.out.Transactions;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The use cases, wired by hand from the ports that the adapters implement: the application layer itself
 * knows nothing of Spring.
 */
@Configuration(proxyBeanMethods = false)
class UseCaseConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    RegisteringPatient registeringPatient(Patients patients, AuditTrail auditTrail, Transactions transactions,
                                          Clock clock) {
        return new PatientRegistry(patients, auditTrail, transactions, clock);
    }

    @Bean
    RecordingConsent recordingConsent(Patients patients, Consents consents, AuditTrail auditTrail,
                                      Transactions transactions, Clock clock) {
        return new ConsentDesk(patients, consents, auditTrail, transactions, clock);
    }

    @Bean
    VerifyingAuditTrail verifyingAuditTrail(AuditTrail auditTrail, Transactions transactions, Clock clock) {
        return new AuditTrailVerifier(auditTrail, transactions, clock);
    }
}
