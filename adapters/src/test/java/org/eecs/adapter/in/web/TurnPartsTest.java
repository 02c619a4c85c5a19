package org.eecs.adapter.in.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.eecs.adapter.in.web.RobotApiController.UtteranceJson;
import org.eecs.application.port.in.ConversingWithPatients;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The utterance's constraints checked in code ({@link TurnParts#valid}) find what Bean Validation finds on its
 * annotations: an utterance taken without the validator would otherwise have been refused with it, or the other way.
 */
class TurnPartsTest {

    private static final Validator VALIDATOR = Validation.buildDefaultValidatorFactory().getValidator();
    private static final Instant AT = Instant.parse("2026-11-25T09:00:00Z");

    static List<UtteranceJson> utterances() {
        List<UtteranceJson> utterances = new ArrayList<>();
        for (Instant started : Arrays.asList(AT, null)) {
            for (Instant ended : Arrays.asList(AT.plusSeconds(3), null)) {
                for (List<Instant> capturedAt : capturedAts()) {
                    for (Boolean withhold : Arrays.asList(null, true, false)) {
                        utterances.add(new UtteranceJson(started, ended, capturedAt, withhold));
                    }
                }
            }
        }
        return utterances;
    }

    private static List<List<Instant>> capturedAts() {
        int max = ConversingWithPatients.MAX_FRAMES;
        List<Instant> withNull = new ArrayList<>(Collections.nCopies(3, AT));
        withNull.set(1, null);
        List<Instant> tooManyWithNull = new ArrayList<>(Collections.nCopies(max + 1, AT));
        tooManyWithNull.set(max, null);
        return Arrays.asList(null, List.of(), List.of(AT), Collections.nCopies(max, AT),
                Collections.nCopies(max + 1, AT), withNull, Collections.singletonList(null),
                Collections.nCopies(max, null), tooManyWithNull);
    }

    @ParameterizedTest
    @MethodSource("utterances")
    void theConstraintsCheckedInCode_areTheAnnotations(UtteranceJson utterance) {
        assertThat(TurnParts.valid(utterance)).as(utterance.toString())
                .isEqualTo(VALIDATOR.validate(utterance).isEmpty());
    }
}
