package org.eecs.configuration;

import org.eecs.application.port.out.RobotProfile;
import org.eecs.domain.care.RobotAbilities;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * A robot that can perform every word of the vocabularies, until the robot profile file (the generation work)
 * provides the real {@link RobotProfile}; then this gives way. To be removed when that lands.
 */
@Configuration(proxyBeanMethods = false)
class InterimRobotProfile {

    @Bean
    @ConditionalOnMissingBean(RobotProfile.class)
    RobotProfile everythingRobotProfile() {
        return RobotAbilities::everything;
    }
}
