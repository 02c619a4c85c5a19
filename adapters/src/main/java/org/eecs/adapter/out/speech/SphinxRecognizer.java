package org.eecs.adapter.out.speech;

import edu.cmu.sphinx.api.Configuration;
import edu.cmu.sphinx.api.Context;
import edu.cmu.sphinx.recognizer.Recognizer;
import edu.cmu.sphinx.result.Result;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.StringJoiner;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eecs.perception.audio.PcmAudio;

/**
 * CMU Sphinx4 with its US-English acoustic model, dictionary and trigram language model (sphinx4-data), allocated
 * once and reused for every utterance.
 *
 * <p>Sphinx's own {@code StreamSpeechRecognizer} allocates the whole recognizer (acoustic model, dictionary,
 * language model, lexical tree) in every {@code startRecognition} and frees it in {@code stopRecognition}: one to
 * three seconds and gigabytes of garbage per utterance. Here the {@link Context} and its {@link Recognizer} are
 * built and allocated once; each utterance is handed to the context's stream data source and decoded with
 * {@code recognize()} until the stream is exhausted. A recognizer decodes one stream at a time (see
 * {@link SphinxRecognizers} for several).
 */
final class SphinxRecognizer {

    static final String MODELS = "resource:/edu/cmu/sphinx/models/en-us/";

    private final Context context;
    private final Recognizer recognizer;

    /**
     * @param absoluteBeamWidth the most hypotheses kept per frame (Sphinx's default 20000; smaller is faster)
     * @param relativeBeamWidth hypotheses scoring below the best times this are pruned (Sphinx's default 1e-60)
     * @param languageWeight    weight of the language model against the acoustics (Sphinx's default 8)
     */
    SphinxRecognizer(int absoluteBeamWidth, double relativeBeamWidth, double languageWeight) {
        Configuration configuration = new Configuration();
        configuration.setAcousticModelPath(MODELS + "en-us");
        configuration.setDictionaryPath(MODELS + "cmudict-en-us.dict");
        configuration.setLanguageModelPath(MODELS + "en-us.lm.bin");
        configuration.setSampleRate(PcmAudio.RATE);
        // Context instantiates every component in its constructor, and changing a global property afterwards
        // re-configures live components (leaving the front end unlinked), so the settings go into the
        // configuration file it starts from: Sphinx's own default, with our values and without its monitors.
        Path config = null;
        try {
            config = Files.createTempFile("eecs-sphinx", ".config.xml");
            Files.writeString(config, tuned(absoluteBeamWidth, relativeBeamWidth, languageWeight));
            context = new Context(config.toString(), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException("could not load the Sphinx4 models", e);
        } finally {
            deleteQuietly(config);
        }
        recognizer = context.getInstance(Recognizer.class);
        recognizer.allocate();
    }


    static String tuned(int absoluteBeamWidth, double relativeBeamWidth, double languageWeight) throws IOException {
        String xml;
        try (InputStream in = Context.class.getResourceAsStream("/edu/cmu/sphinx/api/default.config.xml")) {
            if (in == null) {
                throw new IOException("sphinx4-core's default.config.xml is not on the classpath");
            }
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        xml = global(xml, "logLevel", "WARNING");
        xml = global(xml, "absoluteBeamWidth", Integer.toString(absoluteBeamWidth));
        xml = global(xml, "relativeBeamWidth", Double.toString(relativeBeamWidth));
        xml = global(xml, "languageWeight", Double.toString(languageWeight));
        // only the best hypothesis is read, so no word lattice is built: same words on LibriVox, peak heap
        // about 830 MB instead of 1.1 GB (keepAllTokens stays on: turning it off doubled the word error rate)
        xml = xml.replace("<property name=\"buildWordLattice\" value=\"true\"/>",
                "<property name=\"buildWordLattice\" value=\"false\"/>");
        // decoded as the audio arrives, so the cepstral mean is a live one (BatchCMN would wait for the whole
        // utterance), restarted for each utterance from the model's own prior (LiveCMN would carry one caller's
        // voice over to the next): see UtteranceCmn
        xml = xml.replace("<item>liveCMN </item>", "<item>utteranceCmn </item>");
        xml = xml.replace("<component name=\"liveCMN\"", "<component name=\"utteranceCmn\" type=\""
                + UtteranceCmn.class.getName() + "\"/>\n  <component name=\"liveCMN\"");
        return xml.replaceAll("(?s)<propertylist name=\"monitors\">.*?</propertylist>", "");
    }

    private static String global(String xml, String name, String value) {
        Matcher m = Pattern.compile("(<property name=\"" + name + "\"\\s+value=\")[^\"]*(\"/>)").matcher(xml);
        if (!m.find()) {
            throw new IllegalStateException("sphinx4's default.config.xml has no global property " + name);
        }
        return m.replaceFirst(Matcher.quoteReplacement(m.group(1) + value + m.group(2)));
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    /**
     * The words heard in 16 kHz mono 16-bit little-endian audio, fillers and silences left out; empty when there
     * were none. Decodes as the stream delivers, so audio still arriving is decoded while it arrives; returns when
     * the stream ends. One stream at a time.
     */
    synchronized String recognize(InputStream pcm) {
        context.setSpeechSource(pcm);
        StringJoiner words = new StringJoiner(" ");
        Result result;
        while ((result = recognizer.recognize()) != null) {
            String hypothesis = result.getBestResultNoFiller().strip();
            if (!hypothesis.isEmpty()) {
                words.add(hypothesis);
            }
        }
        return words.toString();
    }
}
