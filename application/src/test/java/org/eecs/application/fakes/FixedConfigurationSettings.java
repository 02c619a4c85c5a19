package org.eecs.application.fakes;

import java.util.List;
import org.eecs.application.port.out.ConfigurationSettings;

/** The settings a test gives it, and no others. */
public final class FixedConfigurationSettings implements ConfigurationSettings {

    private final List<Setting> settings;

    public FixedConfigurationSettings(List<Setting> settings) {
        this.settings = List.copyOf(settings);
    }

    @Override
    public List<Setting> current() {
        return settings;
    }
}
