package org.eecs.application.configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.eecs.application.testing.Hospital.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.eecs.application.fakes.FixedConfigurationSettings;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.out.ConfigurationSettings.Setting;
import org.eecs.application.testing.Hospital;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.AuditEvent;
import org.eecs.domain.audit.AuditOutcome;
import org.eecs.domain.audit.EntityRef;
import org.junit.jupiter.api.Test;

class ReviewingConfigurationTest {

    private static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    private static final Caller ADMIN = admin("admin-ann");
    private static final List<Setting> SETTINGS = List.of(
            new Setting("eecs.time-zone", "Asia/Shanghai", "the hospital's day, for schedules"),
            new Setting("eecs.recordings.retention-default", "P30D", "how long recordings are kept by default"));

    private final Hospital hospital = new Hospital(Clock.fixed(NOW, ZoneOffset.UTC));
    private final ConfigurationReview review = new ConfigurationReview(new FixedConfigurationSettings(SETTINGS),
            hospital.access, hospital.transactions);

    @Test
    void theSettingsAreShown_andReadingThemIsAudited() {
        List<Setting> settings = review.settings(ADMIN);

        assertThat(settings).isEqualTo(SETTINGS);
        assertThat(hospital.audited()).singleElement().isEqualTo(new AuditEvent(ADMIN.actor(), AuditAction.READ,
                new EntityRef("Configuration", "current"), null, AuditOutcome.SUCCESS, NOW, "10.1.2.3", "treatment",
                "req-admin-ann"));
        assertThat(hospital.transactions.units()).isEqualTo(1);
    }
}
