package org.eecs.configuration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Tells whoever started the server where to reach it, once it is ready. */
@Component
class ReadinessAnnouncement {

    private static final Logger log = LoggerFactory.getLogger(ReadinessAnnouncement.class);

    @EventListener
    void announce(ApplicationReadyEvent ready) {
        if (ready.getApplicationContext() instanceof WebServerApplicationContext web) {
            String base = "http://localhost:" + web.getWebServer().getPort();
            log.info("EECS is up at {} (health: {}/actuator/health)", base, base);
        }
    }
}
