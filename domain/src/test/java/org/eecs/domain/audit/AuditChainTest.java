package org.eecs.domain.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.eecs.domain.audit.AuditFixtures.AT;
import static org.eecs.domain.audit.AuditFixtures.DR_CHEN;
import static org.eecs.domain.audit.AuditFixtures.ROSE;
import static org.eecs.domain.audit.AuditFixtures.readingRose;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eecs.domain.DomainViolation;
import org.junit.jupiter.api.Test;

class AuditChainTest {

    /** Five events about Rose, linked from GENESIS. */
    private static List<ChainedAuditEvent> chainOfFive() {
        List<ChainedAuditEvent> chain = new ArrayList<>();
        String previous = AuditChain.GENESIS;
        for (int sequence = 1; sequence <= 5; sequence++) {
            AuditEvent event = new AuditEvent(DR_CHEN, AuditAction.READ, EntityRef.patient(ROSE), ROSE,
                    AuditOutcome.SUCCESS, AT.plusSeconds(sequence), "10.0.0.7", "care", "req-" + sequence);
            ChainedAuditEvent linked = AuditChain.link(sequence, previous, event);
            chain.add(linked);
            previous = linked.hash();
        }
        return chain;
    }

    private static ChainVerification.Broken brokenAt(ChainVerification verification) {
        assertThat(verification).isInstanceOf(ChainVerification.Broken.class);
        assertThat(verification.intact()).isFalse();
        return (ChainVerification.Broken) verification;
    }

    @Test
    void genesisIsSixtyFourZeros() {
        assertThat(AuditChain.GENESIS).hasSize(64).matches("0+");
    }

    @Test
    void hashIsSha256OfThePreviousHashAndTheCanonicalForm() {
        assertThat(AuditChain.hash(AuditChain.GENESIS, readingRose()))
                .isEqualTo("9e82ccff33b7d87f7a55b5c46a3cc3d020dee930eec8542a9be52c81a9ef8baa");
    }

    @Test
    void sameContentBehindADifferentPredecessorHashesDifferently() {
        String afterGenesis = AuditChain.hash(AuditChain.GENESIS, readingRose());

        assertThat(AuditChain.hash(afterGenesis, readingRose())).isNotEqualTo(afterGenesis);
    }

    @Test
    void linkingRecordsThePredecessorAndTheHash() {
        ChainedAuditEvent first = AuditChain.link(1, AuditChain.GENESIS, readingRose());

        assertThat(first.sequence()).isEqualTo(1);
        assertThat(first.previousHash()).isEqualTo(AuditChain.GENESIS);
        assertThat(first.hash()).isEqualTo(AuditChain.hash(AuditChain.GENESIS, readingRose()));
    }

    @Test
    void aStoredEventHoldsOnlyWhileItsContentAndBothHashesAreUnchanged() {
        ChainedAuditEvent stored = AuditChain.link(1, AuditChain.GENESIS, readingRose());
        AuditEvent e = stored.event();
        AuditEvent otherPurpose = new AuditEvent(e.actor(), e.action(), e.entity(), e.patient(), e.outcome(), e.at(),
                e.sourceAddress(), "Zoë's ward", e.requestId());
        String lastDigitChanged = stored.hash().substring(0, 63) + (stored.hash().endsWith("0") ? "1" : "0");

        assertThat(AuditChain.holds(stored)).isTrue();
        assertThat(AuditChain.rehash(stored)).isEqualTo(stored.hash());
        assertThat(AuditChain.holds(new ChainedAuditEvent(1, otherPurpose, stored.previousHash(), stored.hash())))
                .isFalse();
        assertThat(AuditChain.holds(new ChainedAuditEvent(1, e, stored.previousHash(), lastDigitChanged))).isFalse();
        assertThat(AuditChain.holds(new ChainedAuditEvent(1, e, stored.hash(), stored.hash()))).isFalse();
        ChainedAuditEvent nonAscii = AuditChain.link(2, stored.hash(), otherPurpose);
        assertThat(AuditChain.holds(nonAscii)).isTrue();
    }

    @Test
    void untouchedChainIsIntact() {
        List<ChainedAuditEvent> chain = chainOfFive();

        ChainVerification verification = AuditChain.verify(AuditChain.GENESIS, chain);

        assertThat(verification.intact()).isTrue();
        assertThat(verification).isEqualTo(new ChainVerification.Intact(5, chain.get(4).hash()));
    }

    @Test
    void emptyChainIsIntactAndEndsAtItsAnchor() {
        assertThat(AuditChain.verify(AuditChain.GENESIS, List.of()))
                .isEqualTo(new ChainVerification.Intact(0, AuditChain.GENESIS));
    }

    @Test
    void verificationCanResumeFromTheLastVerifiedHash() {
        List<ChainedAuditEvent> chain = chainOfFive();
        ChainVerification.Intact firstPart = (ChainVerification.Intact) AuditChain.verify(AuditChain.GENESIS, chain.subList(0, 3));

        ChainVerification rest = AuditChain.verify(firstPart.lastHash(), chain.subList(3, 5));

        assertThat(rest).isEqualTo(new ChainVerification.Intact(2, chain.get(4).hash()));
    }

    @Test
    void alteredField_isReportedAsAlteredAtThatEvent() {
        List<ChainedAuditEvent> chain = chainOfFive();
        ChainedAuditEvent third = chain.get(2);
        AuditEvent e = third.event();
        AuditEvent denied = new AuditEvent(e.actor(), e.action(), e.entity(), e.patient(), AuditOutcome.DENIED, e.at(),
                e.sourceAddress(), e.purpose(), e.requestId());
        chain.set(2, new ChainedAuditEvent(3, denied, third.previousHash(), third.hash()));

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.kind()).isEqualTo(BreakKind.ALTERED);
        assertThat(broken.eventsChecked()).isEqualTo(2);
        assertThat(broken.detail()).contains("event 3");
    }

    @Test
    void alteredEventWhoseHashWasRecomputed_breaksTheLinkOfTheNextEvent() {
        List<ChainedAuditEvent> chain = chainOfFive();
        ChainedAuditEvent third = chain.get(2);
        AuditEvent e = third.event();
        AuditEvent rewritten = new AuditEvent(e.actor(), AuditAction.DELETE, e.entity(), e.patient(), e.outcome(), e.at(),
                e.sourceAddress(), e.purpose(), e.requestId());
        chain.set(2, AuditChain.link(3, third.previousHash(), rewritten));

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(4);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISLINKED);
        assertThat(broken.eventsChecked()).isEqualTo(3);
    }

    @Test
    void deletedEvent_isReportedAsMissingAtItsSequence() {
        List<ChainedAuditEvent> chain = chainOfFive();
        chain.remove(2);

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
        assertThat(broken.eventsChecked()).isEqualTo(2);
        assertThat(broken.detail()).isEqualTo("event 3 missing: event 4 follows event 2");
    }

    @Test
    void severalDeletedEvents_areReportedFromTheFirstMissing() {
        List<ChainedAuditEvent> chain = chainOfFive();
        chain.subList(1, 3).clear();

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
        assertThat(broken.detail()).isEqualTo("events 2 to 3 missing: event 4 follows event 1");
    }

    @Test
    void deletedFirstEvent_isReportedAsMissingWhenVerifyingFromGenesis() {
        List<ChainedAuditEvent> chain = chainOfFive();
        chain.remove(0);

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(1);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
        assertThat(broken.eventsChecked()).isZero();
    }

    @Test
    void deletedEventRightAfterAKnownAnchor_isReportedAsMissing() {
        List<ChainedAuditEvent> chain = chainOfFive();

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(2, chain.get(1).hash(), chain.subList(3, 5)));

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISSING);
    }

    @Test
    void swappedEvents_areReportedAsOutOfOrderWhereTheEarlierWasExpected() {
        List<ChainedAuditEvent> chain = chainOfFive();
        Collections.swap(chain, 1, 2);

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(BreakKind.OUT_OF_ORDER);
        assertThat(broken.eventsChecked()).isEqualTo(1);
        assertThat(broken.detail()).isEqualTo("event 3 appears where event 2 was expected");
    }

    @Test
    void swappedContentUnderTheOriginalSequenceNumbers_isReportedAsMislinked() {
        List<ChainedAuditEvent> chain = chainOfFive();
        ChainedAuditEvent second = chain.get(1);
        ChainedAuditEvent third = chain.get(2);
        chain.set(1, new ChainedAuditEvent(2, third.event(), third.previousHash(), third.hash()));
        chain.set(2, new ChainedAuditEvent(3, second.event(), second.previousHash(), second.hash()));

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(2);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISLINKED);
    }

    @Test
    void repeatedSequenceNumber_isReportedAsOutOfOrder() {
        List<ChainedAuditEvent> chain = chainOfFive();
        chain.add(2, chain.get(1));

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(3);
        assertThat(broken.kind()).isEqualTo(BreakKind.OUT_OF_ORDER);
    }

    @Test
    void wrongPreviousHash_isReportedAsMislinkedAtThatEvent() {
        List<ChainedAuditEvent> chain = chainOfFive();
        ChainedAuditEvent fourth = chain.get(3);
        String forgedPrevious = "f".repeat(64);
        chain.set(3, AuditChain.link(4, forgedPrevious, fourth.event()));

        ChainVerification.Broken broken = brokenAt(AuditChain.verify(AuditChain.GENESIS, chain));

        assertThat(broken.sequence()).isEqualTo(4);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISLINKED);
        assertThat(broken.eventsChecked()).isEqualTo(3);
        assertThat(broken.detail()).contains(forgedPrevious).contains(chain.get(2).hash());
    }

    @Test
    void chainVerifiedAgainstTheWrongAnchor_isMislinkedAtItsFirstEvent() {
        ChainVerification.Broken broken = brokenAt(AuditChain.verify("a".repeat(64), chainOfFive()));

        assertThat(broken.sequence()).isEqualTo(1);
        assertThat(broken.kind()).isEqualTo(BreakKind.MISLINKED);
    }

    @Test
    void hashesAreSixtyFourLowerCaseHexCharacters() {
        AuditEvent event = readingRose();
        String upper = "A".repeat(64);

        assertThatThrownBy(() -> new ChainedAuditEvent(1, event, AuditChain.GENESIS, upper))
                .isInstanceOf(DomainViolation.class)
                .hasMessageContaining("hash must be 64 lower-case hexadecimal characters");
        assertThatThrownBy(() -> new ChainedAuditEvent(1, event, "0".repeat(63), AuditChain.GENESIS))
                .isInstanceOf(DomainViolation.class).hasMessageContaining("previousHash");
        assertThatThrownBy(() -> AuditChain.hash("not a hash", event)).isInstanceOf(DomainViolation.class);
        assertThatThrownBy(() -> AuditChain.verify("", List.of())).isInstanceOf(DomainViolation.class)
                .hasMessageContaining("anchorHash");
    }

    @Test
    void sequenceStartsAtOne() {
        assertThatThrownBy(() -> AuditChain.link(0, AuditChain.GENESIS, readingRose()))
                .isInstanceOf(DomainViolation.class)
                .hasMessage("audit events are numbered from 1, got sequence 0");
    }
}
