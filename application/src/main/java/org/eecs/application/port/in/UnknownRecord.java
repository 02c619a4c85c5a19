package org.eecs.application.port.in;

import org.eecs.application.port.records.RecordType;

/** The record does not exist, or the caller may not know of it. */
public class UnknownRecord extends NotFound {

    public UnknownRecord(RecordType type, String id) {
        super("no " + type.entityType() + " " + id);
    }

    public UnknownRecord(RecordType type, String id, long version) {
        super("no version " + version + " of " + type.entityType() + " " + id);
    }
}
