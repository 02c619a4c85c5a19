package org.eecs.adapter.out.reasoning.library;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eecs.application.port.out.ReasonAboutCare;
import org.eecs.application.port.out.ReasonAboutCare.Reasoner.Kind;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.RobotAbilities;
import org.eecs.domain.emotion.CareState;
import org.springframework.core.io.Resource;

/**
 * The care library: deterministic, reviewable answers per care emotion and intent, from a file clinicians edit
 * ({@code reasoning/care-library.tsv}, whose header says how answers are chosen). It never fails: the file is
 * checked when it is read, and English covers every emotion.
 */
final class CareLibrary implements ReasonAboutCare {

    static final String NAME = "care library";
    static final String FALLBACK_LANGUAGE = "en";
    static final int MAX_TEXT_LENGTH = 400;
    private static final String ANY = "any";
    private static final String NONE = "none";

    private static final int LANGUAGE = 0;
    private static final int EMOTION = 1;
    private static final int INTENT = 2;
    private static final int TONE = 3;
    private static final int TEXT = 6;

    /** (language, emotion, intent) to its answers, in file order. */
    private final Map<String, List<CareResponse>> groups;
    private final Set<String> languages;
    private final Reasoner reasoner;

    private CareLibrary(Map<String, List<CareResponse>> groups, Set<String> languages, String version) {
        this.groups = groups;
        this.languages = languages;
        this.reasoner = new Reasoner(Kind.CARE_LIBRARY, NAME, version);
    }

    static CareLibrary read(Resource file) {
        return of(ReviewableFile.read(file, 7));
    }

    static CareLibrary of(ReviewableFile file) {
        Map<String, List<CareResponse>> groups = new LinkedHashMap<>();
        for (ReviewableFile.Row row : file.rows()) {
            String language = row.read(LANGUAGE, "language", ReviewableFile::primaryLanguage);
            String emotion = row.read(EMOTION, "emotion", CareLibrary::emotionKey);
            String intent = row.read(INTENT, "intent", CareLibrary::intentKey);
            CareResponse response = ReviewableFile.response(row, TONE, TEXT, MAX_TEXT_LENGTH);
            groups.computeIfAbsent(key(language, emotion, intent), k -> new ArrayList<>()).add(response);
        }
        List<String> missing = new ArrayList<>();
        for (String emotion : emotionKeys()) {
            if (!emotion.equals(ANY) && !groups.containsKey(key(FALLBACK_LANGUAGE, emotion, ANY))) {
                missing.add(emotion);
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(file.rows().getFirst().source() + ": English (en) needs answers with "
                    + "intent \"any\" for every emotion, none for " + missing);
        }
        Set<String> languages = new HashSet<>();
        groups.keySet().forEach(key -> languages.add(key.split("/", 2)[0]));
        return new CareLibrary(groups, Set.copyOf(languages), file.version());
    }

    @Override
    public Answer reason(Situation situation, RobotAbilities abilities) {
        String language = languageOf(situation.context().language());
        String emotion = situation.emotion().map(fused -> fused.dominant().className()).orElse(NONE);
        String intent = Intent.of(situation.transcript()).label();
        List<CareResponse> candidates = firstGroup(language, emotion, intent)
                .or(() -> firstGroup(FALLBACK_LANGUAGE, emotion, intent))
                .orElseThrow(() -> new IllegalStateException("the care library has no answer for " + emotion));
        return new Answer(ReviewableFile.performable(leastRecentlySaid(candidates, situation), abilities), reasoner);
    }

    Reasoner reasoner() {
        return reasoner;
    }

    private Optional<List<CareResponse>> firstGroup(String language, String emotion, String intent) {
        for (String key : List.of(key(language, emotion, intent), key(language, ANY, intent),
                key(language, emotion, ANY))) {
            List<CareResponse> group = groups.get(key);
            if (group != null) {
                return Optional.of(group);
            }
        }
        return Optional.empty();
    }

    /** The first answer not said in the recent turns; when all were, the one said longest ago. */
    private static CareResponse leastRecentlySaid(List<CareResponse> candidates, Situation situation) {
        List<String> said = situation.context().recentTurns().stream()
                .map(ReasonAboutCare.Exchange::robotSaid).toList();
        CareResponse best = candidates.getFirst();
        int bestLastSaid = Integer.MAX_VALUE;
        for (CareResponse candidate : candidates) {
            int lastSaid = said.lastIndexOf(candidate.text());
            if (lastSaid < 0) {
                return candidate;
            }
            if (lastSaid < bestLastSaid) {
                best = candidate;
                bestLastSaid = lastSaid;
            }
        }
        return best;
    }

    private String languageOf(String tag) {
        try {
            String primary = ReviewableFile.primaryLanguage(tag);
            return languages.contains(primary) ? primary : FALLBACK_LANGUAGE;
        } catch (IllegalArgumentException notATag) {
            return FALLBACK_LANGUAGE;
        }
    }

    private static String key(String language, String emotion, String intent) {
        return language + "/" + emotion + "/" + intent;
    }

    private static List<String> emotionKeys() {
        List<String> keys = new ArrayList<>(CareState.classNames());
        keys.add(NONE);
        keys.add(ANY);
        return keys;
    }

    private static String emotionKey(String value) {
        String key = value.toLowerCase(Locale.ROOT);
        if (!emotionKeys().contains(key)) {
            throw new IllegalArgumentException("unknown emotion \"" + value + "\"; allowed: " + emotionKeys());
        }
        return key;
    }

    private static String intentKey(String value) {
        String key = value.toLowerCase(Locale.ROOT);
        List<String> allowed = new ArrayList<>(EnumSet.allOf(Intent.class).stream().map(Intent::label).toList());
        allowed.add(ANY);
        if (!allowed.contains(key)) {
            throw new IllegalArgumentException("unknown intent \"" + value + "\"; allowed: " + allowed);
        }
        return key;
    }
}
