package org.eecs.adapter.out.generation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import org.eecs.domain.DomainViolation;
import org.eecs.domain.care.Tone;
import org.springframework.core.io.Resource;

/**
 * The prosody table file (generation/prosody.tsv): how each tone of voice sounds. One line per tone, tab-separated:
 * tone, speaking rate (words per minute), mean pitch (Hz), pitch range (Hz), volume (0 to 1), and an instruction
 * for engines that take one in words. Lines starting with # are comments. The tones listed are the ones this
 * robot's voice renders.
 */
record ProsodyTable(Map<Tone, Prosody> tones) {

    /** How one tone sounds. */
    record Prosody(double wordsPerMinute, double pitchHz, double pitchRangeHz, double volume, String instruction) {
    }

    static ProsodyTable read(Resource resource) {
        String file = GenerationFiles.describe(resource);
        String text;
        try (InputStream in = resource.getInputStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidGenerationFile(file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Map<Tone, Prosody> tones = new EnumMap<>(Tone.class);
        String[] lines = text.split("\r?\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String where = file + ": line " + (i + 1) + ": ";
            String[] cells = line.split("\t");
            if (cells.length != 6) {
                throw new InvalidGenerationFile(where + "expected 6 tab-separated cells (tone, rate, pitch, pitch "
                        + "range, volume, instruction), got " + cells.length);
            }
            Tone tone;
            try {
                tone = Tone.fromLabel(cells[0]);
            } catch (DomainViolation e) {
                throw new InvalidGenerationFile(where + e.getMessage());
            }
            if (tones.containsKey(tone)) {
                throw new InvalidGenerationFile(where + "the tone " + tone.label() + " is listed twice");
            }
            tones.put(tone, new Prosody(number(where, "rate", cells[1], 60, 300),
                    number(where, "pitch", cells[2], 50, 300), number(where, "pitch range", cells[3], 0, 100),
                    number(where, "volume", cells[4], 0.05, 1), instruction(where, cells[5])));
        }
        if (!tones.containsKey(Tone.NEUTRAL)) {
            throw new InvalidGenerationFile(file + ": the neutral tone is required: it is what the voice falls back to");
        }
        return new ProsodyTable(Collections.unmodifiableMap(tones));
    }

    Prosody of(Tone tone) {
        Prosody prosody = tones.get(tone);
        if (prosody == null) {
            throw new DomainViolation("this robot's voice has no tone " + tone.label() + "; it has "
                    + String.join(", ", tones.keySet().stream().map(Tone::label).toList()));
        }
        return prosody;
    }

    Set<Tone> toneSet() {
        return EnumSet.copyOf(tones.keySet());
    }

    private static double number(String where, String column, String cell, double min, double max) {
        double value;
        try {
            value = Double.parseDouble(cell.strip());
        } catch (NumberFormatException e) {
            throw new InvalidGenerationFile(where + column + " must be a number, got \"" + cell + "\"");
        }
        if (!(value >= min && value <= max)) {
            throw new InvalidGenerationFile(where + column + " must lie in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }

    private static String instruction(String where, String cell) {
        if (cell.isBlank() || cell.length() > 500) {
            throw new InvalidGenerationFile(where + "the instruction must be 1 to 500 characters");
        }
        return cell.strip();
    }
}
