package org.eecs.application.port.records;

import java.util.List;

/**
 * A page of records in the search's order, the patients they are about when asked for, and whether there are
 * records before and after it.
 */
public record RecordPage(List<CareRecord> records, List<CareRecord> included, boolean hasPrevious, boolean hasNext) {

    public RecordPage {
        records = List.copyOf(records);
        included = List.copyOf(included);
    }

    public Keyset first() {
        return records.isEmpty() ? null : records.get(0).keyset();
    }

    public Keyset last() {
        return records.isEmpty() ? null : records.get(records.size() - 1).keyset();
    }
}
