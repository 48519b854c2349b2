package io.beacon.console.changes;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;

/**
 * The proposals ({@code proposals}) and which open proposal holds each file ({@code change_claims}, id = path): a file
 * is in at most one open proposal, so two people cannot race to change it; the claim is taken with the insert that
 * makes the proposal and let go when it closes.
 */
public class Proposals {

    /** Another open proposal holds one of the files. */
    public static class Claimed extends RuntimeException {
        public Claimed(String message) {
            super(message);
        }
    }

    private final MongoCollection<Document> proposals;
    private final MongoCollection<Document> claims;

    public Proposals(MongoDatabase database) {
        this.proposals = database.getCollection("proposals");
        this.claims = database.getCollection("change_claims");
    }

    public void ensureIndexes() {
        proposals.createIndex(Indexes.descending("createdAt"));
        proposals.createIndex(Indexes.ascending("status"));
    }

    /**
     * Claims the proposal's files and stores it; refused whole, naming the proposal that holds a file, when another
     * open one does.
     */
    public void create(Proposal proposal) {
        var taken = new ArrayList<String>();
        try {
            for (String path : proposal.changes().keySet()) {
                claims.insertOne(new Document("_id", path).append("proposal", proposal.id()).append("author", proposal.author()));
                taken.add(path);
            }
        } catch (MongoWriteException e) {
            taken.forEach(path -> claims.deleteOne(Filters.and(Filters.eq("_id", path), Filters.eq("proposal", proposal.id()))));
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            throw new Claimed(holders(proposal.changes().keySet()));
        }
        proposals.insertOne(document(proposal));
    }

    private String holders(Iterable<String> paths) {
        var held = new ArrayList<String>();
        for (String path : paths) {
            Document claim = claims.find(Filters.eq("_id", path)).first();
            if (claim != null) {
                held.add(path + " is in proposal " + claim.getString("proposal") + " by " + claim.getString("author"));
            }
        }
        return (held.isEmpty() ? "a file of this change is in another open proposal" : String.join("; ", held))
                + ": that one must be approved, rejected or withdrawn first";
    }

    public Optional<Proposal> find(String id) {
        return Optional.ofNullable(proposals.find(Filters.eq("_id", id)).first()).map(Proposals::proposal);
    }

    /** Newest first; open ones only when asked. */
    public List<Proposal> list(boolean openOnly, int limit) {
        Bson filter = openOnly ? Filters.in("status", "CHECKING", "READY") : new Document();
        var found = new ArrayList<Proposal>();
        proposals.find(filter).sort(Sorts.descending("createdAt")).limit(limit).forEach(d -> found.add(proposal(d)));
        return found;
    }

    /** The checks' findings; only while it is being checked. */
    public boolean checked(String id, Proposal.Status status, Map<String, Object> checks, Map<String, Object> report, List<String> problems) {
        boolean done = proposals.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", "CHECKING")), Updates.combine(
                Updates.set("status", status.name()), Updates.set("checks", new Document(checks)),
                Updates.set("report", report == null ? null : new Document(report)), Updates.set("problems", problems))).getModifiedCount() == 1;
        if (done && !status.open()) {
            release(id);
        }
        return done;
    }

    /**
     * Moves it from one status to the next, only from {@code from} (so two people cannot both decide it); a closed
     * proposal lets go of its files.
     */
    public boolean decide(String id, Proposal.Status from, Proposal.Status to, String by, String reason, Long release, Instant at) {
        boolean done = proposals.updateOne(Filters.and(Filters.eq("_id", id), Filters.eq("status", from.name())), Updates.combine(
                Updates.set("status", to.name()), Updates.set("decidedBy", by), Updates.set("decidedAt", Date.from(at)),
                Updates.set("reason", reason), Updates.set("release", release))).getModifiedCount() == 1;
        if (done && !to.open()) {
            release(id);
        }
        return done;
    }

    private void release(String id) {
        claims.deleteMany(Filters.eq("proposal", id));
    }

    private static Document document(Proposal p) {
        var changes = new ArrayList<Document>();
        p.changes().forEach((path, text) -> changes.add(new Document("path", path).append("text", text)));
        var diff = new ArrayList<Document>();
        p.diff().forEach(d -> diff.add(new Document("path", d.path()).append("kind", d.kind()).append("unified", d.unified())));
        return new Document("_id", p.id()).append("title", p.title()).append("author", p.author())
                .append("createdAt", Date.from(p.createdAt())).append("base", p.base()).append("status", p.status().name())
                .append("changes", changes).append("diff", diff).append("checks", new Document(p.checks()))
                .append("report", p.report() == null ? null : new Document(p.report())).append("problems", p.problems());
    }

    @SuppressWarnings("unchecked")
    private static Proposal proposal(Document d) {
        Map<String, String> changes = new LinkedHashMap<>();
        for (Document change : d.getList("changes", Document.class)) {
            changes.put(change.getString("path"), change.getString("text"));
        }
        var diff = new ArrayList<Proposal.FileDiff>();
        for (Document file : d.getList("diff", Document.class, List.of())) {
            diff.add(new Proposal.FileDiff(file.getString("path"), file.getString("kind"), file.getString("unified")));
        }
        Document checks = d.get("checks", Document.class);
        Document report = d.get("report", Document.class);
        return new Proposal(d.getString("_id"), d.getString("title"), d.getString("author"), d.getDate("createdAt").toInstant(),
                d.getLong("base"), Proposal.Status.valueOf(d.getString("status")), changes, diff,
                checks == null ? Map.of() : checks, report, d.getList("problems", String.class, List.of()),
                d.getString("decidedBy"), d.getDate("decidedAt") == null ? null : d.getDate("decidedAt").toInstant(),
                d.getString("reason"), d.getLong("release"));
    }
}
