package org.eecs.application.fakes;

import java.util.function.Supplier;
import org.eecs.application.port.out.Transactions;

/** Runs the work at once; the in-memory fakes have nothing to roll back. */
public final class ImmediateTransactions implements Transactions {

    private int units;

    @Override
    public <T> T inOne(Supplier<T> work) {
        units++;
        return work.get();
    }

    /** How many units of work were run. */
    public int units() {
        return units;
    }
}
