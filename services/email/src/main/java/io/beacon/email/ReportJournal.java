package io.beacon.email;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;

/**
 * The audit record of every delivery report received, one document per report id in {@code delivery_reports}: where
 * it came from (imap, webhook), what it was, what Beacon did with it and why; a report already handled is not handled
 * again. It holds no address: the send's idempotency key names what the report was about. An unreadable report that came
 * by webhook keeps its raw text here (the mailbox keeps its own in a folder), so nothing received is lost.
 */
class ReportJournal {

    static final String COLLECTION = "delivery_reports";

    /** What became of a report. */
    enum Outcome {
        HARD_BOUNCE, SOFT_BOUNCE_RESENT, SOFT_BOUNCE_LIMIT, SOFT_BOUNCE_NOT_RESENT, COMPLAINT, NOT_A_FAILURE, NOT_A_COMPLAINT,
        UNKNOWN_MESSAGE, UNREADABLE, FORGED
    }

    private final MongoCollection<Document> reports;

    ReportJournal(MongoDatabase database) {
        this.reports = database.getCollection(COLLECTION);
    }

    /** What became of this report, when it was handled before. */
    Optional<Outcome> handled(String reportId) {
        return Optional.ofNullable(reports.find(Filters.eq("_id", reportId)).first()).map(d -> Outcome.valueOf(d.getString("outcome")));
    }

    /** @param key the send the report is about, null when none was found */
    void record(String reportId, String via, Outcome outcome, String key, String detail, Instant at) {
        record(reportId, via, outcome, key, detail, null, at);
    }

    void record(String reportId, String via, Outcome outcome, String key, String detail, byte[] raw, Instant at) {
        var fields = Updates.combine(Updates.set("via", via), Updates.set("outcome", outcome.name()), Updates.set("key", key),
                Updates.set("detail", detail), Updates.set("at", Date.from(at)),
                raw == null ? Updates.unset("raw") : Updates.set("raw", new Binary(raw)));
        reports.updateOne(Filters.eq("_id", reportId), fields, new UpdateOptions().upsert(true));
    }
}
