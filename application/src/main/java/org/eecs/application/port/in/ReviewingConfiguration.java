package org.eecs.application.port.in;

import java.util.List;
import org.eecs.application.port.out.ConfigurationSettings.Setting;

/** An administrator reads the settings that matter for audit; nothing clinical, no secrets. */
public interface ReviewingConfiguration {

    List<Setting> settings(Caller caller);
}
