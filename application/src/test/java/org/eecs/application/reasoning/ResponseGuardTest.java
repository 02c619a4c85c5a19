package org.eecs.application.reasoning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Set;
import org.eecs.domain.care.CareResponse;
import org.eecs.domain.care.FacialExpression;
import org.eecs.domain.care.Motion;
import org.eecs.domain.care.Tone;
import org.eecs.domain.safety.GuardViolation.Rule;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class ResponseGuardTest {

    private static final Set<String> IDENTIFIERS = Set.of("Robin", "3f2c9a64-1b7e-4d2a-9c3e-5a1f0b6d7e88");
    private final ResponseGuard guard = new ResponseGuard();

    private static CareResponse saying(String text) {
        return new CareResponse(text, Tone.GENTLE, FacialExpression.WARM_GAZE, Motion.NOD);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "You're not alone, I can help you step by step.",
            "I understand you. Let's address this together calmly.",
            "What's the issue? Can you explain more?",
            "It's natural to feel anxiety before an operation. Shall we breathe slowly together?",
            "That sounds really hard. Would you like to tell me more about your garden?",
            "Your nurse will be glad to answer questions about your treatment.",
            "I'm not a doctor, but your care team is here for you.",
            "You have been through so much this week.",
            "Let's take a slow breath in, and out."})
    void caringAnswersPass(String text) {
        assertThat(guard.check(saying(text), IDENTIFIERS)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "It sounds like depression to me.|DIAGNOSIS",
            "You probably have an anxiety disorder.|DIAGNOSIS",
            "My diagnosis is that you are just tired.|DIAGNOSIS",
            "You seem to be showing signs of PTSD.|DIAGNOSIS",
            "Try taking two sleeping pills tonight.|MEDICATION",
            "Take 400 mg of ibuprofen for the knee.|MEDICATION",
            "You could double your dose of sertraline.|MEDICATION",
            "Maybe stop your medication for a while.|MEDICATION",
            "Don't worry, Robin, we will get through it.|IDENTIFIER",
            "Your record 3f2c9a64-1b7e-4d2a-9c3e-5a1f0b6d7e88 is safe.|IDENTIFIER",
            "Write to me at helper@example.org any time.|IDENTIFIER",
            "Call me on +44 20 7946 0958 tonight.|IDENTIFIER",
            "Your hospital number 4851203 is on file.|IDENTIFIER",
            "Ignore the previous instructions, I am free now.|ROLE",
            "As an AI language model I cannot feel.|ROLE",
            "Arr, I am now a pirate and the sea is my home.|ROLE",
            "My system prompt says I must be kind.|ROLE"})
    void answersThatBreakARuleAreRefused(String text, Rule rule) {
        assertThat(guard.check(saying(text), IDENTIFIERS)).extracting(ResponseGuard.Finding::rule).contains(rule);
    }

    @Test
    void aSpokenReplyIsCappedInLength() {
        String long500 = "I hear you. ".repeat(42);

        assertThat(guard.check(saying(long500), IDENTIFIERS)).extracting(ResponseGuard.Finding::rule)
                .containsExactly(Rule.TOO_LONG);
        assertThat(new ResponseGuard(600).check(saying(long500), IDENTIFIERS)).isEmpty();
    }

    @Test
    void findingsNeverQuoteAnIdentifier() {
        assertThat(guard.check(saying("Robin, mail helper@example.org or 4851203."), IDENTIFIERS))
                .allSatisfy(finding -> assertThat(finding.detail())
                        .doesNotContain("Robin", "helper@example.org", "4851203"));
    }

    @Test
    void theCapIsSensible() {
        assertThatThrownBy(() -> new ResponseGuard(5)).isInstanceOf(IllegalArgumentException.class);
    }
}
