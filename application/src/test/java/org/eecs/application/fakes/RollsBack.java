package org.eecs.application.fakes;

/** An in-memory store that a unit of work can put back the way it was, as a database rolls a transaction back. */
public interface RollsBack {

    /** Remembers the store's content now; running the result puts that content back. */
    Runnable checkpoint();
}
