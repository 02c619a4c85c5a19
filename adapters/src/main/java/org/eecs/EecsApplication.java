package org.eecs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The EECS backend: the clinical API and the care pipeline, on PostgreSQL. */
@SpringBootApplication
@EnableScheduling
public class EecsApplication {

    public static void main(String[] args) {
        SpringApplication.run(EecsApplication.class, args);
    }
}
