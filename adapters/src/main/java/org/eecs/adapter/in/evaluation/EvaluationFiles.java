package org.eecs.adapter.in.evaluation;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eecs.application.port.in.EvaluatingCare.Evaluation;
import org.eecs.domain.evaluation.Rubric;

/**
 * What a run leaves in its folder (docs/evaluation.md): Table II as CSV and HTML, the blinded rating sheet as HTML
 * and CSV, its key in a folder of its own, and, when the answers were judged, the judge's scores.
 */
final class EvaluationFiles {

    static final String TABLE_CSV = "table-2.csv";
    static final String TABLE_HTML = "table-2.html";
    static final String SHEET_HTML = "rating-sheet.html";
    static final String SHEET_CSV = "rating-sheet.csv";
    static final String KEY_CSV = "key/rating-key.csv";
    static final String JUDGE_CSV = "llm-judge-scores.csv";

    private EvaluationFiles() {
    }

    /**
     * @param seed draws the order of each turn's answers on the rating sheet
     * @return the files written
     */
    static List<Path> write(Evaluation evaluation, Path folder, long seed) {
        List<RatingSheet.Item> items = RatingSheet.blind(evaluation, seed);
        Rubric rubric = Rubric.CARE_RESPONSE;
        List<Path> written = new ArrayList<>();
        written.add(write(folder.resolve(TABLE_CSV), TableTwo.csv(evaluation)));
        written.add(write(folder.resolve(TABLE_HTML), TableTwo.html(evaluation)));
        written.add(write(folder.resolve(SHEET_HTML), RatingSheet.html(items, rubric)));
        written.add(write(folder.resolve(SHEET_CSV), RatingSheet.csv(items, rubric)));
        written.add(write(folder.resolve(KEY_CSV), RatingSheet.key(items)));
        if (evaluation.judge().isPresent()) {
            written.add(write(folder.resolve(JUDGE_CSV), JudgeScores.csv(evaluation, items, rubric)));
        }
        return written;
    }

    private static Path write(Path file, String content) {
        try {
            Files.createDirectories(file.getParent());
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + file, e);
        }
    }
}
