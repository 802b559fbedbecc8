package io.newsflow.sink.write;

import co.elastic.clients.elasticsearch._types.ErrorCause;
import co.elastic.clients.elasticsearch.core.bulk.BulkResponseItem;
import co.elastic.clients.elasticsearch.core.bulk.OperationType;
import io.newsflow.sink.errors.IndexingError;

/** What one bulk item's response means for the record behind it. */
public sealed interface BulkOutcome {

    /** Indexed (created or replaced). */
    record Indexed() implements BulkOutcome {}

    /** Deleted, or already absent: either way the tombstone is applied. */
    record Deleted(boolean wasPresent) implements BulkOutcome {}

    /** Elasticsearch holds a newer (or equally new) version: nothing to do, the record is done. */
    record Stale() implements BulkOutcome {}

    /** Not accepted; the error policy decides. */
    record Failed(IndexingError error) implements BulkOutcome {}

    String VERSION_CONFLICT = "version_conflict_engine_exception";

    static BulkOutcome of(BulkResponseItem item) {
        ErrorCause error = item.error();
        if (error == null) {
            if (item.operationType() == OperationType.Delete) {
                return new Deleted(!"not_found".equals(item.result()));
            }
            return new Indexed();
        }
        if (item.status() == 409 && VERSION_CONFLICT.equals(error.type())) {
            return new Stale();
        }
        return new Failed(IndexingError.item(item.status(), error.type(), error.reason()));
    }
}
