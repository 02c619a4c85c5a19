package org.eecs.adapter.out.postgres;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param dataDirectory where the embedded database keeps its files between runs (application.yaml: under the
 *                      user's home unless EECS_DATA_DIR says otherwise)
 * @param port          the port it listens on (127.0.0.1 only); 0 picks a free one
 */
@ConfigurationProperties("eecs.embedded-postgres")
record EmbeddedPostgresProperties(Path dataDirectory,
                                  @DefaultValue("0") int port) {
}
