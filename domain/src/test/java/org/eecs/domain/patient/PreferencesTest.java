package org.eecs.domain.patient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class PreferencesTest {

    @Test
    void noneHasNoNotes() {
        assertThat(Preferences.none().notes()).isEmpty();
        assertThat(Preferences.none().isEmpty()).isTrue();
    }

    @Test
    void notesAreCopiedSoLaterChangesDoNotLeakIn() {
        List<String> notes = new ArrayList<>(List.of("likes to talk about gardening"));
        Preferences preferences = new Preferences(notes);

        notes.add("prefers short answers");

        assertThat(preferences.notes()).containsExactly("likes to talk about gardening");
        assertThatThrownBy(() -> preferences.notes().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void blankNote_isRejectedNamingItsPosition() {
        assertThatThrownBy(() -> new Preferences(List.of("likes music", " ")))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("preference note 2 must not be blank");
        assertThatThrownBy(() -> new Preferences(Arrays.asList("likes music", null)))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("preference note 2");
    }

    @Test
    void noteLongerThan500_isRejected() {
        assertThat(new Preferences(List.of("n".repeat(500))).notes()).hasSize(1);
        assertThatThrownBy(() -> new Preferences(List.of("n".repeat(501))))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at most 500 characters, got 501");
    }

    @Test
    void moreThan50Notes_isRejected() {
        assertThat(new Preferences(Collections.nCopies(50, "calm music")).notes()).hasSize(50);
        assertThatThrownBy(() -> new Preferences(Collections.nCopies(51, "calm music")))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("at most 50 preference notes, got 51");
    }
}
