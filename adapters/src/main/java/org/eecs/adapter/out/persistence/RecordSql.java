package org.eecs.adapter.out.persistence;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import org.eecs.application.port.records.Keyset;
import org.eecs.application.port.records.TimeRange;

/**
 * A query for one kind of care record, built from optional criteria: each criterion given adds one condition with
 * its parameters. Records are ordered by their time of last change, then by their id compared byte by byte
 * (collation "C", as Java compares the ASCII ids), which is the keyset that pages continue from.
 */
final class RecordSql {

    private final String columns;
    private final String from;
    private final String lastUpdated;
    private final String key;
    private final List<String> conditions = new ArrayList<>();
    private final List<Object> parameters = new ArrayList<>();
    private boolean impossible;

    /**
     * @param columns     the select list
     * @param from        the from clause, with its joins
     * @param lastUpdated the column of the record's time of last change
     * @param key         the text expression of the record's id
     */
    RecordSql(String columns, String from, String lastUpdated, String key) {
        this.columns = columns;
        this.from = from;
        this.lastUpdated = lastUpdated;
        this.key = "(" + key + ") collate \"C\"";
    }

    RecordSql where(String condition, Object... values) {
        conditions.add(condition);
        Collections.addAll(parameters, values);
        return this;
    }

    /** {@code column in (values)}; with no values given at all, nothing matches. */
    RecordSql in(String column, Collection<?> values) {
        if (values.isEmpty()) {
            impossible = true;
            return this;
        }
        return where(column + " in (" + String.join(", ", Collections.nCopies(values.size(), "?")) + ")",
                values.stream().map(RecordSql::parameter).toArray());
    }

    RecordSql within(String column, TimeRange range) {
        if (range.from() != null) {
            where(column + " >= ?", timestamp(range.from()));
        }
        if (range.to() != null) {
            where(column + " < ?", timestamp(range.to()));
        }
        return this;
    }

    RecordSql after(Keyset from, boolean descending) {
        if (from != null) {
            String op = descending ? "<" : ">";
            where("(" + lastUpdated + " " + op + " ? or (" + lastUpdated + " = ? and " + key + " " + op + " ?))",
                    timestamp(from.lastUpdated()), timestamp(from.lastUpdated()), from.id());
        }
        return this;
    }

    /** True when some criterion can match nothing (an empty list of ids, say): no need to ask the database. */
    boolean matchesNothing() {
        return impossible;
    }

    String sql(boolean descending, Integer limit) {
        String direction = descending ? " desc" : "";
        return "select " + columns + " from " + from + where()
                + " order by " + lastUpdated + direction + ", " + key + direction
                + (limit == null ? "" : " limit " + limit);
    }

    /** The distinct values of one column over the matching records. */
    String distinct(String column) {
        return "select distinct " + column + " as value from " + from + where();
    }

    private String where() {
        return conditions.isEmpty() ? "" : " where " + String.join(" and ", conditions);
    }

    Object[] parameters() {
        return parameters.toArray();
    }

    static OffsetDateTime timestamp(Instant instant) {
        return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Object parameter(Object value) {
        return value instanceof Instant instant ? timestamp(instant) : value;
    }
}
