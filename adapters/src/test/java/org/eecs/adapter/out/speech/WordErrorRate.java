package org.eecs.adapter.out.speech;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Word error rate: (substitutions + deletions + insertions) / reference words, by word-level edit distance. */
final class WordErrorRate {

    private WordErrorRate() {
    }

    static List<String> words(String text) {
        String normal = text.toLowerCase(Locale.ROOT).replaceAll("[^a-z' ]", " ").strip();
        return normal.isEmpty() ? List.of() : Arrays.asList(normal.split("\\s+"));
    }

    /** Edit distance in words between the reference and the hypothesis. */
    static int errors(String reference, String hypothesis) {
        List<String> ref = words(reference);
        List<String> hyp = words(hypothesis);
        int[] previous = new int[hyp.size() + 1];
        int[] current = new int[hyp.size() + 1];
        for (int j = 0; j <= hyp.size(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= ref.size(); i++) {
            current[0] = i;
            for (int j = 1; j <= hyp.size(); j++) {
                int substitution = previous[j - 1] + (ref.get(i - 1).equals(hyp.get(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[hyp.size()];
    }
}
