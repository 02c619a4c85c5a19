package org.eecs.adapter.in.web;

import org.eecs.domain.patient.ClinicianId;
import org.eecs.domain.patient.PatientId;
import org.eecs.domain.robot.RobotId;
import org.eecs.domain.safety.EscalationId;
import org.eecs.domain.session.CareSessionId;
import org.eecs.domain.turn.TurnId;
import org.springframework.context.annotation.Configuration;
import org.springframework.format.FormatterRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Path and query values become domain ids through the ids' own validation: a bad one is a 400 naming it. */
@Configuration(proxyBeanMethods = false)
class IdConverters implements WebMvcConfigurer {

    @Override
    public void addFormatters(FormatterRegistry registry) {
        registry.addConverter(String.class, PatientId.class, PatientId::of);
        registry.addConverter(String.class, CareSessionId.class, CareSessionId::of);
        registry.addConverter(String.class, RobotId.class, RobotId::new);
        registry.addConverter(String.class, ClinicianId.class, ClinicianId::new);
        registry.addConverter(String.class, EscalationId.class, EscalationId::of);
        registry.addConverter(String.class, TurnId.class, TurnId::of);
    }
}
