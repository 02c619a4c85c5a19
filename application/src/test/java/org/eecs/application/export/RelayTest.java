package org.eecs.application.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** An export read on one thread and written on another: in order, bounded, and ended by whichever side fails. */
class RelayTest {

    @Test
    void everyRecordReachesTheWriter_inTheOrderRead_onAThreadOfItsOwn() {
        List<Integer> written = new ArrayList<>();
        AtomicReference<String> writerThread = new AtomicReference<>();
        int records = Relay.BATCH * 5 + 17; // a last batch that is not full

        Relay.<Integer>run("writer", handOver -> {
            for (int i = 0; i < records; i++) {
                handOver.accept(i);
            }
        }, record -> {
            writerThread.set(Thread.currentThread().getName());
            written.add(record);
        });

        assertThat(written).hasSize(records).isSorted();
        assertThat(writerThread.get()).isEqualTo("writer");
    }

    @Test
    void aWriterThatFails_endsTheReading_withItsOwnException() {
        AtomicInteger read = new AtomicInteger();
        IllegalStateException diskFull = new IllegalStateException("disk full");

        assertThatThrownBy(() -> Relay.<Integer>run("writer", handOver -> {
            for (int i = 0; i < 1_000_000; i++) {
                read.incrementAndGet();
                handOver.accept(i);
            }
        }, record -> {
            if (record == 1000) {
                throw diskFull;
            }
        })).isSameAs(diskFull);

        assertThat(read.get()).as("the reading stopped soon after, memory bounded")
                .isLessThan(1000 + Relay.BATCH * (Relay.BATCHES_WAITING + 3));
    }

    @Test
    void aReadingThatFails_stopsTheWriter_andIsThrown() {
        AtomicInteger written = new AtomicInteger();
        IllegalStateException connectionLost = new IllegalStateException("connection lost");

        assertThatThrownBy(() -> Relay.<Integer>run("writer", handOver -> {
            for (int i = 0; i < Relay.BATCH * 3; i++) {
                handOver.accept(i);
            }
            throw connectionLost;
        }, record -> written.incrementAndGet())).isSameAs(connectionLost);

        assertThat(written.get()).isLessThanOrEqualTo(Relay.BATCH * 3);
    }
}
