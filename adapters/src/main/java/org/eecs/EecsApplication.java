package org.eecs;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The EECS backend: the clinical API and the care pipeline, on PostgreSQL. */
@SpringBootApplication
public class EecsApplication {

    public static void main(String[] args) {
        SpringApplication.run(EecsApplication.class, args);
    }
}
