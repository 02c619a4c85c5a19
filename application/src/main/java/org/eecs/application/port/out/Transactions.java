package org.eecs.application.port.out;

import java.util.function.Supplier;

/**
 * One unit of work against the stores: everything done inside commits together or not at all.
 * This is how a change and the audit event that describes it are kept together.
 */
public interface Transactions {

    <T> T inOne(Supplier<T> work);
}
