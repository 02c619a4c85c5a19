package org.eecs.adapter.out.export;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where export files are written and how long they are kept. With several instances the directory must be
 * storage they all share, so that any of them serves a file another wrote.
 *
 * @param directory   export files and their manifests
 * @param keptFor     how long a finished export stays downloadable before it is purged
 * @param pollEvery   how often each instance looks for queued exports (a request also wakes the one it reached)
 */
@ConfigurationProperties("eecs.audit.exports")
record ExportProperties(Path directory, Duration keptFor, Duration pollEvery) {
}
