package org.eecs.adapter.out.recognition.text;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.eecs.domain.safety.CrisisCategory;
import org.eecs.domain.safety.CrisisSignal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Crisis detection against a table of crisis phrases, each of which must be caught (recall 100%), and of hard
 * negatives, sentences that sound like a crisis and are not, on which the false-positive rate is measured and
 * bounded. The phrases are written as patients say them, not copied from the detector's file; the table is also
 * the specification of what the file must keep catching after a clinician changes it.
 */
class CrisisDetectionTest {

    private static final CrisisLanguageDetector DETECTOR = new CrisisLanguageDetector(CrisisLanguage.bundled(),
            MiniLmL6V2::load, CrisisLanguageDetector.Settings.DEFAULTS);

    /** The false-positive rate the hard negatives may reach; the measured rate is printed with every run. */
    private static final double MAX_FALSE_POSITIVE_RATE = 0.10;

    record Crisis(CrisisCategory category, String said) {
    }

    static final List<Crisis> CRISES = List.of(
            new Crisis(CrisisCategory.SUICIDE, "I want to kill myself."),
            new Crisis(CrisisCategory.SUICIDE, "I don't want to live anymore."),
            new Crisis(CrisisCategory.SUICIDE, "I've been thinking about ending my life."),
            new Crisis(CrisisCategory.SUICIDE, "Everyone would be better off if I was dead."),
            new Crisis(CrisisCategory.SUICIDE, "I wish I could go to sleep and never wake up."),
            new Crisis(CrisisCategory.SUICIDE, "I'm going to end it all tonight."),
            new Crisis(CrisisCategory.SUICIDE, "There is no point in living any more."),
            new Crisis(CrisisCategory.SUICIDE, "I have been saving up my pills so I can take them all at once."),
            new Crisis(CrisisCategory.SUICIDE, "I think about suicide every day."),
            new Crisis(CrisisCategory.SUICIDE, "I won't be here much longer, I've made up my mind."),
            new Crisis(CrisisCategory.SUICIDE, "Life isn't worth living without her."),
            new Crisis(CrisisCategory.SUICIDE, "I just want everything to stop, for good."),
            new Crisis(CrisisCategory.SELF_HARM, "I cut myself last night to feel something."),
            new Crisis(CrisisCategory.SELF_HARM, "I keep hurting myself when nobody is looking."),
            new Crisis(CrisisCategory.SELF_HARM, "I burned my arm with a cigarette on purpose."),
            new Crisis(CrisisCategory.SELF_HARM, "I want to hurt myself."),
            new Crisis(CrisisCategory.SELF_HARM, "I've started scratching my arms until they bleed."),
            new Crisis(CrisisCategory.SELF_HARM, "I hit myself when I get angry at myself."),
            new Crisis(CrisisCategory.SELF_HARM, "I've been self-harming again."),
            new Crisis(CrisisCategory.SELF_HARM, "I stopped eating on purpose to punish myself."),
            new Crisis(CrisisCategory.SELF_HARM, "I bang my head against the wall until it hurts."),
            new Crisis(CrisisCategory.SELF_HARM, "I deserve the pain, so I do it to myself."),
            new Crisis(CrisisCategory.ABUSE, "My son hits me when he has been drinking."),
            new Crisis(CrisisCategory.ABUSE, "My husband beats me."),
            new Crisis(CrisisCategory.ABUSE, "Someone at the care home touches me and I don't like it."),
            new Crisis(CrisisCategory.ABUSE, "My carer takes my pension and won't give it back."),
            new Crisis(CrisisCategory.ABUSE, "My daughter locks me in my room."),
            new Crisis(CrisisCategory.ABUSE, "He said he would kill me if I told anyone."),
            new Crisis(CrisisCategory.ABUSE, "I'm afraid of my partner, he hurts me."),
            new Crisis(CrisisCategory.ABUSE, "They shout at me and threaten me every day."),
            new Crisis(CrisisCategory.ABUSE, "I was sexually abused by my uncle."),
            new Crisis(CrisisCategory.ABUSE, "My grandson steals money from my purse."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I can't breathe."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "My chest hurts and my left arm is numb."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I think I'm having a heart attack."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I fell over and I can't get up."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I took too many of my tablets by mistake."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "My face feels numb and I can't lift my arm."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I'm bleeding heavily from my wound."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I've got a crushing pain in my chest."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I'm having a seizure, help."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I feel like I'm going to pass out and my heart is racing."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "My throat is swelling up after that medicine."),
            new Crisis(CrisisCategory.MEDICAL_EMERGENCY, "I coughed up blood this morning."));

    static final List<String> HARD_NEGATIVES = List.of(
            "I could kill for a coffee right now.",
            "This pain is killing me, my knee has been bad all week.",
            "My back is killing me after sitting in that chair.",
            "These new shoes are killing me.",
            "I'm dying to see my grandchildren on Sunday.",
            "I'm dying for a cup of tea.",
            "That comedian had me dying laughing.",
            "My phone died in the middle of the call.",
            "The battery on my hearing aid is dead.",
            "I'm dead tired after physiotherapy.",
            "My daughter will kill me if I miss her call.",
            "We killed time playing cards.",
            "My husband passed away three years ago and I still miss him.",
            "My dog died when I was a child.",
            "I watched a documentary about the war and the soldiers who died.",
            "I was reading a murder mystery last night.",
            "I cut my finger peeling potatoes, but it's healed.",
            "I hurt my knee when I fell in the garden last spring.",
            "I'm so bored I could scream.",
            "The food here is to die for.",
            "I'd die of embarrassment if I sang in public.",
            "My plants are dying because nobody waters them.",
            "I was so angry I wanted to throw my phone.",
            "My chest feels much better since the new inhaler.",
            "I used to be a nurse and saw many emergencies.",
            "I can't stand the noise on the ward.",
            "I'm sick of eating the same food.",
            "The exam nearly killed me when I was young.",
            "I'd kill to have my old garden back.",
            "My grandson plays violent video games.",
            "My heart breaks when I think about my old house.",
            "I felt like I could breathe again when I got outside.",
            "I'm worried about my sister's surgery.",
            "The pain in my hip is unbearable on rainy days.",
            "I laughed so hard I couldn't breathe.",
            "My mother-in-law drives me crazy.",
            "I feel like a zombie in the mornings.",
            "I'm starving, when is lunch?",
            "The film was about a man who tried to end his life, it was very moving.",
            "My friend always says she'll kill me if I beat her at chess.",
            "I nearly died of fright when the fire alarm went off.",
            "My roommate beat me at cards again.");

    @AfterAll
    static void release() {
        DETECTOR.close();
    }

    @Test
    void everyCrisisPhraseIsCaught_withItsCategory() {
        List<String> missed = new ArrayList<>();
        List<String> miscategorised = new ArrayList<>();
        for (Crisis crisis : CRISES) {
            Optional<CrisisSignal> signal = DETECTOR.crisisIn(crisis.said());
            if (signal.isEmpty()) {
                missed.add(crisis.said() + " " + describe(crisis.said()));
            } else if (signal.get().category() != crisis.category()) {
                miscategorised.add(crisis.said() + " -> " + signal.get());
            }
        }
        assertThat(CRISES).hasSizeGreaterThanOrEqualTo(40);
        assertThat(missed).as("recall must be 100%").isEmpty();
        System.out.printf(Locale.ROOT, "Crisis detection: recall %d/%d; category right for %d/%d (wrong: %s)%n",
                CRISES.size(), CRISES.size(), CRISES.size() - miscategorised.size(), CRISES.size(), miscategorised);
        assertThat(miscategorised).hasSizeLessThanOrEqualTo(2);
    }

    @Test
    void hardNegativesRaiseFewFalseAlarms_andTheRateIsStated() {
        List<String> falseAlarms = new ArrayList<>();
        double closest = -1;
        String closestSaid = "";
        for (String said : HARD_NEGATIVES) {
            DETECTOR.crisisIn(said).ifPresent(signal -> falseAlarms.add(said + " -> " + signal));
            double similarity = DETECTOR.resemblance(said).similarity();
            if (similarity > closest) {
                closest = similarity;
                closestSaid = said;
            }
        }
        double rate = (double) falseAlarms.size() / HARD_NEGATIVES.size();
        System.out.printf(Locale.ROOT, "Crisis detection: false-positive rate %.1f%% (%d of %d hard negatives): %s;"
                        + " the closest to a crisis example was \"%s\" at cosine %.3f%n",
                100 * rate, falseAlarms.size(), HARD_NEGATIVES.size(), falseAlarms, closestSaid, closest);
        assertThat(HARD_NEGATIVES).hasSizeGreaterThanOrEqualTo(40);
        assertThat(rate).isLessThanOrEqualTo(MAX_FALSE_POSITIVE_RATE);
    }

    @Test
    void anIdiomDoesNotHideCrisisWordsElsewhereInTheStatement() {
        assertThat(DETECTOR.crisisIn("I could kill for a coffee, but honestly I want to kill myself."))
                .hasValueSatisfying(signal -> assertThat(signal.category()).isEqualTo(CrisisCategory.SUICIDE));
    }

    @Test
    void theEvidenceSaysWhichRuleOrExampleDecided() {
        assertThat(DETECTOR.crisisIn("I want to kill myself.")).hasValueSatisfying(signal ->
                assertThat(signal.evidence()).contains("kill myself").contains("crisis-language.tsv line"));
        assertThat(DETECTOR.crisisIn("I just want everything to stop, for good.")).hasValueSatisfying(signal ->
                assertThat(signal.evidence()).startsWith("resembles \"").contains("cosine"));
    }

    @Test
    void silenceHoldsNoCrisis() {
        assertThat(DETECTOR.crisisIn("")).isEmpty();
        assertThat(DETECTOR.crisisIn("   ")).isEmpty();
    }

    @Test
    void aMistakeInTheFileIsRefusedWithItsLine() {
        assertThatThrownBy(() -> CrisisLanguage.parse("test.tsv", "rule\tsuicide\t(unclosed"))
                .hasMessageContaining("test.tsv line 1").hasMessageContaining("regular expression");
        assertThatThrownBy(() -> CrisisLanguage.parse("test.tsv", "rule\tsadness\tsad"))
                .hasMessageContaining("test.tsv line 1").hasMessageContaining("unknown crisis category");
        assertThatThrownBy(() -> CrisisLanguage.parse("test.tsv", "rule\tsuicide\tkill myself\nexample\tsuicide\tx"))
                .hasMessageContaining("self-harm has not");
    }

    private static String describe(String said) {
        CrisisLanguageDetector.Resemblance closest = DETECTOR.resemblance(said);
        return String.format(Locale.ROOT, "[closest \"%s\" %.3f, harmless %.3f]", closest.example().sentence(),
                closest.similarity(), closest.harmless());
    }
}
