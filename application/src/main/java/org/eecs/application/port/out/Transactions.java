package org.eecs.application.port.out;

import java.util.function.Supplier;

/**
 * Units of work against the stores: everything done inside one commits together or not at all.
 * This is how a change and the audit event that describes it are kept together.
 */
public interface Transactions {

    /** Runs the work in a unit of work, joining the surrounding one if there is one. */
    <T> T inOne(Supplier<T> work);

    /**
     * Runs the work in a unit of work of its own that commits whatever becomes of the surrounding one:
     * for records that must outlive a failing request, such as a refused access.
     */
    <T> T inSeparateOne(Supplier<T> work);
}
