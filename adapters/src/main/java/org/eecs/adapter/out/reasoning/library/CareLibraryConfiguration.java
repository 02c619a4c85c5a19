package org.eecs.adapter.out.reasoning.library;

import org.eecs.application.port.out.CrisisReplies;
import org.eecs.application.port.out.ReasonAboutCare;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * The care library and the crisis replies, read and checked at start from {@code eecs.reasoning.library-file} and
 * {@code eecs.reasoning.crisis-replies-file} (the bundled files by default; {@code file:/etc/eecs/...} for a
 * hospital's own): a mistake in either stops the server with the file and line.
 */
@Configuration(proxyBeanMethods = false)
class CareLibraryConfiguration {

    /** The qualifier of the care library among the {@link ReasonAboutCare} beans. */
    static final String CARE_LIBRARY = "careLibrary";

    private static final Logger log = LoggerFactory.getLogger(CareLibraryConfiguration.class);

    @Bean(CARE_LIBRARY)
    ReasonAboutCare careLibrary(@Value("${eecs.reasoning.library-file:classpath:reasoning/care-library.tsv}")
                                Resource file) {
        CareLibrary library = CareLibrary.read(file);
        log.info("Care library: {} version {}", file.getDescription(), library.reasoner().templateVersion());
        return library;
    }

    @Bean
    CrisisReplies crisisReplies(@Value("${eecs.reasoning.crisis-replies-file:classpath:reasoning/crisis-replies.tsv}")
                                Resource file) {
        CrisisReplyBook replies = CrisisReplyBook.read(file);
        log.info("Crisis replies: {} version {}", file.getDescription(), replies.reasoner().templateVersion());
        return replies;
    }
}
