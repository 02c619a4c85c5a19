package org.eecs.adapter.out.reasoning.library;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eecs.application.port.out.CrisisReplies;
import org.eecs.application.port.out.ReasonAboutCare.Answer;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner.Kind;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.safety.CrisisCategory;
import org.springframework.core.io.Resource;

/**
 * The fixed crisis replies, from the file clinicians approve ({@code reasoning/crisis-replies.tsv}): one per
 * category and language, English complete, checked when read.
 */
final class CrisisReplyBook implements CrisisReplies {

    static final String NAME = "crisis replies";

    private final Map<String, Map<CrisisCategory, CareResponse>> byLanguage;
    private final Reasoner reasoner;

    private CrisisReplyBook(Map<String, Map<CrisisCategory, CareResponse>> byLanguage, String version) {
        this.byLanguage = byLanguage;
        this.reasoner = new Reasoner(Kind.CRISIS_PROTOCOL, NAME, version);
    }

    static CrisisReplyBook read(Resource file) {
        return of(ReviewableFile.read(file, 6));
    }

    static CrisisReplyBook of(ReviewableFile file) {
        Map<String, Map<CrisisCategory, CareResponse>> byLanguage = new HashMap<>();
        for (ReviewableFile.Row row : file.rows()) {
            String language = row.read(0, "language", ReviewableFile::primaryLanguage);
            CrisisCategory category = row.read(1, "crisis category", CrisisCategory::fromLabel);
            CareResponse reply = ReviewableFile.response(row, 2, 5, CareLibrary.MAX_TEXT_LENGTH);
            Map<CrisisCategory, CareResponse> replies =
                    byLanguage.computeIfAbsent(language, k -> new EnumMap<>(CrisisCategory.class));
            if (replies.putIfAbsent(category, reply) != null) {
                throw row.refused("a second " + category.label() + " reply in " + language
                        + "; each category has exactly one");
            }
        }
        Set<CrisisCategory> missing = EnumSet.allOf(CrisisCategory.class);
        missing.removeAll(byLanguage.getOrDefault(CareLibrary.FALLBACK_LANGUAGE, Map.of()).keySet());
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file.rows().getFirst().source()
                    + ": English (en) needs a reply for every crisis category, none for "
                    + missing.stream().map(CrisisCategory::label).toList());
        }
        return new CrisisReplyBook(byLanguage, file.version());
    }

    @Override
    public Answer replyTo(CrisisCategory category, String language, RobotAbilities abilities) {
        CareResponse reply;
        try {
            reply = byLanguage.getOrDefault(ReviewableFile.primaryLanguage(language), Map.of()).get(category);
        } catch (IllegalArgumentException notATag) {
            reply = null;
        }
        if (reply == null) {
            reply = byLanguage.get(CareLibrary.FALLBACK_LANGUAGE).get(category);
        }
        return new Answer(ReviewableFile.performable(reply, abilities), reasoner);
    }

    Reasoner reasoner() {
        return reasoner;
    }
}
