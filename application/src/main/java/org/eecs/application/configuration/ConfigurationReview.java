package org.eecs.application.configuration;

import java.util.List;
import org.eecs.application.access.CareRecordAccess;
import org.eecs.application.port.in.Caller;
import org.eecs.application.port.in.ReviewingConfiguration;
import org.eecs.application.port.out.ConfigurationSettings;
import org.eecs.application.port.out.ConfigurationSettings.Setting;
import org.eecs.application.port.out.Transactions;
import org.eecs.domain.audit.AuditAction;
import org.eecs.domain.audit.EntityRef;
import org.eecs.domain.audit.Role;

/** The audit-relevant settings of this installation; reading them is itself audited. */
public final class ConfigurationReview implements ReviewingConfiguration {

    private final ConfigurationSettings settings;
    private final CareRecordAccess access;
    private final Transactions transactions;

    public ConfigurationReview(ConfigurationSettings settings, CareRecordAccess access, Transactions transactions) {
        this.settings = settings;
        this.access = access;
        this.transactions = transactions;
    }

    @Override
    public List<Setting> settings(Caller caller) {
        return transactions.inOne(() -> {
            EntityRef configuration = new EntityRef("Configuration", "current");
            access.requireRole(caller, Role.ADMIN, AuditAction.READ, configuration);
            access.record(caller, AuditAction.READ, configuration, null);
            return settings.current();
        });
    }
}
