package org.eecs.configuration;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class InstallationSettingsTest {

    @Test
    void aDatabaseUrlIsShownWithoutItsCredentials() {
        assertThat(InstallationSettings.withoutCredentials(
                "jdbc:postgresql://db.hospital:5432/eecs?user=eecs&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db.hospital:5432/eecs?ssl=true");
        assertThat(InstallationSettings.withoutCredentials("jdbc:postgresql://eecs:s3cret@db.hospital/eecs"))
                .isEqualTo("jdbc:postgresql://db.hospital/eecs");
        assertThat(InstallationSettings.withoutCredentials("jdbc:postgresql://db/eecs?password=x"))
                .isEqualTo("jdbc:postgresql://db/eecs");
    }
}
