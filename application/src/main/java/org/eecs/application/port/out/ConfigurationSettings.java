package org.eecs.application.port.out;

import java.util.List;

/** The settings of this installation that an auditor or administrator may need to know; never secrets. */
public interface ConfigurationSettings {

    List<Setting> current();

    record Setting(String name, String value, String meaning) {
    }
}
