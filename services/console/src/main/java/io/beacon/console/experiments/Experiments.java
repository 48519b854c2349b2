package io.beacon.console.experiments;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.ContentExperiment;
import io.beacon.contracts.Json;
import io.beacon.contracts.Topics;
import io.beacon.contracts.Violation;
import io.beacon.console.OutcomeStore;
import io.beacon.console.access.AuditLog;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
import io.beacon.platform.EventPublisher;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.bson.Document;

/**
 * The content experiments marketing operations run (ADR 0025): kept in the console's {@code experiments} collection and
 * announced on the compacted {@link Topics#EXPERIMENTS}, which the channel services follow. One experiment per offer
 * and channel runs at a time. An experiment is refused whole, with every reason, and then nothing is stored or sent.
 */
public class Experiments {

    static final String COLLECTION = "experiments";
    private static final String SOURCE = "/beacon/console";
    static final String TYPE = "beacon.experiment.changed";

    /** Refused: what is wrong, field by field; nothing was stored. */
    public static final class Refused extends RuntimeException {
        private final List<Violation> problems;
        private final boolean conflict;

        Refused(List<Violation> problems, boolean conflict) {
            super(String.join("; ", problems.stream().map(Violation::toString).toList()));
            this.problems = List.copyOf(problems);
            this.conflict = conflict;
        }

        public List<Violation> problems() {
            return problems;
        }

        /** True when the experiment is fine in itself but clashes with one that exists (409 rather than 400). */
        public boolean conflict() {
            return conflict;
        }
    }

    private final MongoCollection<Document> experiments;
    private final EventPublisher publisher;
    private final ConsoleApis.Channels channels;
    private final OutcomeStore outcomes;
    private final AuditLog audit;
    private final Clock clock;

    public Experiments(MongoDatabase database, EventPublisher publisher, ConsoleApis.Channels channels, OutcomeStore outcomes, AuditLog audit,
                       Clock clock) {
        this.experiments = database.getCollection(COLLECTION);
        this.publisher = publisher;
        this.channels = channels;
        this.outcomes = outcomes;
        this.audit = audit;
        this.clock = clock;
    }

    /** How the experiment's variants convert so far, from the console's projection of beacon.offers. */
    public ExperimentResults results(ContentExperiment experiment) {
        return ExperimentResults.of(experiment, outcomes.ofExperiment(experiment.id()));
    }

    /**
     * Starts an experiment: checked in itself ({@link ContentExperiment#problems}), then every variant against the
     * channel's own templates (its preview API renders it, or says why not), then against what runs; stored, then
     * announced and awaited, so that an answer of 201 means the channel services will see it.
     */
    public ContentExperiment start(ContentExperiment draft, String user) {
        try {
            ContentExperiment started = startChecked(draft, user);
            audit.record(user, "start-experiment", "experiment/" + started.id(), null, "ACCEPTED", null);
            return started;
        } catch (Refused e) {
            audit.record(user, "start-experiment", "experiment/" + draft.id(), null, "REFUSED", e.getMessage());
            throw e;
        }
    }

    private ContentExperiment startChecked(ContentExperiment draft, String user) {
        var proposed = new ContentExperiment(draft.id(), draft.name(), draft.productCode(), draft.channel(), draft.variants(),
                draft.minimumDetectableEffect(), true, user, clock.instant(), null);
        List<Violation> problems = new ArrayList<>(proposed.problems());
        if (problems.isEmpty()) {
            problems.addAll(unknownVariants(proposed));
        }
        if (!problems.isEmpty()) {
            throw new Refused(problems, false);
        }
        find(proposed.id()).ifPresent(existing -> {
            throw new Refused(List.of(new Violation("/id", "an experiment '" + existing.id() + "' exists already (started by "
                    + existing.createdBy() + " at " + existing.createdAt() + "); choose another id")), true);
        });
        running(proposed.productCode(), proposed.channel()).ifPresent(other -> {
            throw new Refused(List.of(new Violation("/productCode", "experiment '" + other.id() + "' already tests "
                    + proposed.productCode() + " on " + proposed.channel() + "; stop it first")), true);
        });
        try {
            experiments.insertOne(document(proposed));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
                throw new Refused(List.of(new Violation("/id", "an experiment '" + proposed.id() + "' exists already")), true);
            }
            throw e;
        }
        announce(proposed);
        return proposed;
    }

    /** Stops a running experiment: the channel services send the offer's own template again. Empty when unknown. */
    public Optional<ContentExperiment> stop(String id, String user) {
        return find(id).map(experiment -> {
            if (!experiment.running()) {
                return experiment;
            }
            var stopped = experiment.stopped(clock.instant());
            experiments.replaceOne(Filters.eq("_id", id), document(stopped));
            announce(stopped);
            audit.record(user, "stop-experiment", "experiment/" + id, null, "ACCEPTED", null);
            return stopped;
        });
    }

    public Optional<ContentExperiment> find(String id) {
        return Optional.ofNullable(experiments.find(Filters.eq("_id", id)).first()).map(Experiments::read);
    }

    /** Newest first. */
    public List<ContentExperiment> all() {
        return experiments.find().sort(Sorts.descending("createdAt")).map(Experiments::read).into(new ArrayList<>());
    }

    private Optional<ContentExperiment> running(String productCode, String channel) {
        return all().stream().filter(e -> e.running() && e.productCode().equals(productCode) && e.channel().equals(channel)).findFirst();
    }

    /** Each variant but default, asked of the channel service that would render it. */
    private List<Violation> unknownVariants(ContentExperiment experiment) {
        var problems = new ArrayList<Violation>();
        for (int i = 0; i < experiment.variants().size(); i++) {
            String variant = experiment.variants().get(i).name();
            if (ContentExperiment.DEFAULT.equals(variant)) {
                continue;
            }
            try {
                channels.preview(experiment.channel()).preview(new TemplatePreviewRequest(experiment.productCode(), null, null, null, variant));
            } catch (ApiProblem.Invalid | ApiProblem.NotFound refused) {
                var error = refused.errors().isEmpty() ? null : refused.errors().getFirst();
                problems.add(new Violation(error != null && "/productCode".equals(error.field()) ? "/productCode" : "/variants/" + i + "/name",
                        error == null ? refused.detail() : error.message()));
            }
        }
        return problems;
    }

    private void announce(ContentExperiment experiment) {
        publisher.publishAndWait(Topics.EXPERIMENTS, experiment.id(), BeaconEvents.build(
                experiment.id() + (experiment.running() ? "@started" : "@stopped"), SOURCE, TYPE, experiment.id(), experiment));
    }

    /** The experiment as the topic carries it (times as ISO 8601 text, which sorts in time order), under its id. */
    private static Document document(ContentExperiment experiment) {
        try {
            return Document.parse(Json.mapper().writeValueAsString(experiment)).append("_id", experiment.id());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("an experiment always writes as JSON", e);
        }
    }

    private static ContentExperiment read(Document document) {
        document.remove("_id");
        try {
            return Json.mapper().readValue(document.toJson(), ContentExperiment.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("experiment " + document.get("id") + " as stored does not read back: " + e.getMessage(), e);
        }
    }
}
