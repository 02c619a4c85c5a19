package org.eecs.application.reasoning;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.safety.GuardViolation.Rule;

/**
 * The output guard: what a language model's answer to a patient must never do, checked on every such answer
 * before the robot says it (docs/reasoning.md, "Output guard"). A care robot gives no diagnosis and no
 * medication or dosage advice, keeps a spoken reply short, repeats no identifier, and stays in its care role
 * whatever the patient's words asked of it. The rules lean towards refusing: a refused answer costs only a
 * reply from the care library.
 */
public final class ResponseGuard {

    /** About 30 seconds of speech. */
    public static final int DEFAULT_MAX_LENGTH = 400;

    private static final int FLAGS = Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE;

    /** Conditions a robot must not attribute to the patient. */
    private static final String CONDITION = "(?:clinical |major |severe |mild |an? |the )?"
            + "(?:depression|depressive disorder|anxiety disorder|panic disorder|ptsd|post-traumatic stress"
            + "|bipolar|schizophreni\\w*|psychosis|psychotic|dementia|alzheimer'?s|ocd|adhd|autism"
            + "|eating disorder|personality disorder|\\w+ disorder|syndrome|cancer|tumou?r|diabetes|infection"
            + "|heart attack|stroke|pneumonia)\\b";

    private static final List<Check> DIAGNOSIS = List.of(
            new Check("a diagnosis", Pattern.compile("\\bdiagnos\\w*|\\bprognos\\w*", FLAGS)),
            new Check("a condition attributed to the patient", Pattern.compile(
                    "\\byou(?:'ve|'re| have| are| may| might| could| probably| likely| seem| clearly)?\\b"
                            + "[^.?!]{0,40}?\\b(?:have|has|got|suffer\\w*|signs? of|symptoms? of|showing)\\s+"
                            + CONDITION, FLAGS)),
            new Check("a condition suggested", Pattern.compile(
                    "\\b(?:sounds|seems|looks) like\\b[^.?!]{0,25}?" + CONDITION, FLAGS)));

    private static final List<Check> MEDICATION = List.of(
            new Check("a dose", Pattern.compile("\\b\\d+(?:[.,]\\d+)?\\s*(?:mg|milligrams?|mcg|micrograms?|µg|ml"
                    + "|millilit(?:re|er)s?|g|grams?|iu|units?|drops?|puffs?)\\b", FLAGS)),
            new Check("advice on medication", Pattern.compile("\\b(?:take|taking|took|try|trying|increase|decrease"
                    + "|double|skip|stop|stopping|reduce|lower|raise|switch|swallow)\\b[^.?!]{0,30}?\\b(?:pills?"
                    + "|tablets?|capsules?|medications?|medicines?|meds|doses?|dosage|painkillers?|antidepressants?"
                    + "|sedatives?|sleeping pills?|prescriptions?)\\b", FLAGS)),
            new Check("a medicine by name", Pattern.compile("\\b(?:ibuprofen|paracetamol|acetaminophen|aspirin"
                    + "|naproxen|diazepam|lorazepam|alprazolam|clonazepam|xanax|valium|ativan|sertraline|fluoxetine"
                    + "|citalopram|escitalopram|paroxetine|prozac|zoloft|lexapro|venlafaxine|mirtazapine|trazodone"
                    + "|quetiapine|olanzapine|risperidone|lithium|codeine|morphine|oxycodone|tramadol|fentanyl"
                    + "|melatonin|zopiclone|zolpidem|ambien|insulin|warfarin|metformin|antihistamines?"
                    + "|benzodiazepines?|opioids?)\\b", FLAGS)));

    private static final List<Check> IDENTIFIERS = List.of(
            new Check("a record identifier (UUID)", Pattern.compile(
                    "\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", FLAGS)),
            new Check("an e-mail address", Pattern.compile("[\\w.+-]+@[\\w-]+(?:\\.[\\w-]+)+", FLAGS)),
            new Check("a phone number", Pattern.compile("\\+?\\d(?:[\\s().-]*\\d){8,}")),
            new Check("a record number", Pattern.compile("\\b\\d{6,}\\b")));

    private static final List<Check> ROLE = List.of(
            new Check("talk of its instructions", Pattern.compile("\\b(?:system prompt|my (?:instructions|prompt"
                    + "|programming|guidelines)|(?:ignore|ignoring|disregard\\w*|forget)\\b[^.?!]{0,20}?"
                    + "\\binstructions|as an ai(?: language model)?|developer mode|jailbr[eo]\\w*)\\b", FLAGS)),
            new Check("another role", Pattern.compile("\\bi(?: am|'m)(?: now)? (?:a |an |your )?(?:pirate|hacker"
                    + "|doctor|physician|nurse|psychiatrist|psychologist|therapist|pharmacist|lawyer)\\b", FLAGS)));

    private final int maxLength;

    public ResponseGuard() {
        this(DEFAULT_MAX_LENGTH);
    }

    public ResponseGuard(int maxLength) {
        if (maxLength < 20 || maxLength > CareResponse.MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("the guard's length cap must be from 20 to "
                    + CareResponse.MAX_TEXT_LENGTH + " characters, got " + maxLength);
        }
        this.maxLength = maxLength;
    }

    /** A rule the answer broke and what was found; the finding never quotes an identifier. */
    public record Finding(Rule rule, String detail) {
    }

    /**
     * @param identifiers the patient's alias and record identifiers, none of which may appear
     * @return every rule the answer breaks; empty when the robot may say it
     */
    public List<Finding> check(CareResponse response, Set<String> identifiers) {
        String text = response.text();
        List<Finding> findings = new ArrayList<>();
        quoting(Rule.DIAGNOSIS, DIAGNOSIS, text, findings);
        quoting(Rule.MEDICATION, MEDICATION, text, findings);
        if (text.length() > maxLength) {
            findings.add(new Finding(Rule.TOO_LONG, text.length() + " characters, more than " + maxLength));
        }
        String lower = text.toLowerCase(Locale.ROOT);
        boolean known = identifiers.stream()
                .filter(identifier -> identifier.strip().length() >= 3)
                .anyMatch(identifier -> lower.contains(identifier.strip().toLowerCase(Locale.ROOT)));
        if (known) {
            findings.add(new Finding(Rule.IDENTIFIER, "one of the patient's own identifiers"));
        }
        for (Check check : IDENTIFIERS) {
            if (check.pattern().matcher(text).find()) {
                findings.add(new Finding(Rule.IDENTIFIER, check.what()));
            }
        }
        quoting(Rule.ROLE, ROLE, text, findings);
        return findings;
    }

    public int maxLength() {
        return maxLength;
    }

    private static void quoting(Rule rule, List<Check> checks, String text, List<Finding> findings) {
        for (Check check : checks) {
            Matcher found = check.pattern().matcher(text);
            if (found.find()) {
                String match = found.group();
                findings.add(new Finding(rule, check.what() + ": \""
                        + (match.length() > 80 ? match.substring(0, 80) + "..." : match) + "\""));
            }
        }
    }

    private record Check(String what, Pattern pattern) {
    }
}
