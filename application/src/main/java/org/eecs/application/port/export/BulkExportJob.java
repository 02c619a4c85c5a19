package org.eecs.application.port.export;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.eecs.application.port.records.RecordType;
import org.eecs.domain.audit.Actor;

/**
 * One bulk export of care records (an export of kind {@link ExportKind#CARE_RECORDS}): who asked for which kinds
 * of record changed since when, how far it has got, and the files it wrote. It exports what had changed before
 * {@code transactionTime}, the moment it was asked for, so that its files agree with each other however long it
 * runs.
 *
 * @param requestedBy the caller who asked; only they may follow it and fetch its files, and its audit events
 *                    name them
 * @param request     the request as the caller sent it, for the manifest
 * @param since       only records changed at or after this instant; null for all
 * @param written     records written so far
 * @param expiresAt   when its files are deleted; null until it has finished
 * @param error       why it failed; null unless it did
 */
public record BulkExportJob(UUID id, Requester requestedBy, String request, List<RecordType> types, Instant since,
                            ExportState state, Instant transactionTime, long written, Instant finishedAt,
                            Instant expiresAt, List<ExportedFile> files, String error) {

    public BulkExportJob {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Objects.requireNonNull(request, "request");
        types = List.copyOf(types);
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(transactionTime, "transactionTime");
        files = List.copyOf(files);
    }

    /** Who asked, from where, in which request and why: what the job's audit events say of its requester. */
    public record Requester(Actor actor, String sourceAddress, String requestId, String purpose) {
        public Requester {
            Objects.requireNonNull(actor, "actor");
        }
    }

    public boolean includes(Set<RecordType> any) {
        return types.stream().anyMatch(any::contains);
    }

    /** One file of records of one kind, and how many it holds. */
    public record ExportedFile(RecordType type, String name, long records) {
        public ExportedFile {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(name, "name");
        }
    }
}
