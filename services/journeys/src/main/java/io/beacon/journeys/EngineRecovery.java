package io.beacon.journeys;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import io.beacon.contracts.BeaconEvents;
import io.beacon.contracts.EngineReplaced;
import io.beacon.contracts.Topics;
import io.beacon.platform.EventPublisher;
import io.camunda.client.CamundaClient;
import io.camunda.client.api.command.ClientStatusException;
import io.grpc.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices an engine that lost its state and brings it back (ADR 0020). The engine holds Beacon's deployments and the
 * running journeys; the embedded one keeps them in memory, and a real cluster restored from nothing has none either.
 *
 * <p>How the engine is recognised: each engine Beacon has run on is an <em>epoch</em>, counted in this service's own
 * MongoDB ({@code engine} collection). Once the journeys are deployed to an engine, a marker message
 * {@value #MARKER} with message id {@code epoch-N} and a ten-year TTL is published to it. The probe publishes the same
 * message id with TTL 0, which leaves nothing behind: the engine refuses it as ALREADY_EXISTS while it still holds
 * the marker, and takes it when it does not, which means it is not the engine the journeys were deployed to.
 *
 * <p>On a new engine: the epoch moves on (a conditional update, so of several instances of this service one moves
 * it and the others join the same recovery), the journeys deployed before are deployed again, an
 * {@link EngineReplaced} goes to {@link Topics#JOURNEYS_ENGINE} (decisioning then publishes the trigger of every
 * journey its claims say is running again, and they start like any trigger), and the new engine gets its marker. A
 * recovery interrupted half-way is finished by whichever instance looks next ({@code recovering} stays true until the
 * marker is set); each step is idempotent.
 *
 * <p>{@link #ensureCurrent()} runs before every batch of triggers is handed to the engine: a start message published
 * to an engine without the journey's deployment would be buffered and never correlated (Zeebe correlates message
 * start events only to messages published after the deployment), and its message id would then refuse the re-created
 * trigger. It also runs every {@code beacon.journeys.engine-check-interval}, so an idle service redeploys at once.
 */
class EngineRecovery {

    /** The marker message: no journey subscribes to it. */
    static final String MARKER = "BeaconEngineEpoch";
    private static final String CORRELATION = "beacon";
    private static final Duration MARKER_TTL = Duration.ofDays(3650);
    private static final Logger log = LoggerFactory.getLogger(EngineRecovery.class);

    enum Health {
        /** The engine answering holds this epoch's marker: the journeys are deployed on it. */
        CURRENT,
        /** A new engine was found; its journeys are being deployed and the running ones re-created. */
        RECOVERING,
        /** The engine did not answer the last probe. */
        UNREACHABLE,
        /** Not probed yet. */
        UNKNOWN
    }

    /** The last recovery: which epoch, when the loss was noticed, what was redeployed, when re-creation was asked. */
    record Recovery(long epoch, Instant detectedAt, List<String> redeployed, Instant recreationRequestedAt) {
    }

    /** What {@code GET /api/journeys} shows of the engine. */
    record State(long epoch, Health status, Instant confirmedAt, String problem, Recovery lastRecovery) {
    }

    private final CamundaClient client;
    private final JourneyDeployment deployment;
    private final MongoCollection<Document> store;
    private final EventPublisher publisher;
    private final Clock clock;
    private volatile long epoch;
    private volatile Health status = Health.UNKNOWN;
    private volatile Instant confirmedAt;
    private volatile String problem;
    private volatile Recovery lastRecovery;

    EngineRecovery(CamundaClient client, JourneyDeployment deployment, MongoDatabase database, EventPublisher publisher, Clock clock) {
        this.client = client;
        this.deployment = deployment;
        this.store = database.getCollection("engine");
        this.publisher = publisher;
        this.clock = clock;
    }

    /**
     * Returns once the engine that answers holds the journeys (recovering it first if it is a new one); throws when
     * the engine cannot be reached, so the caller's batch is consumed again later. The consumer threads probe side by
     * side (a probe waits for the engine like any command, so one at a time would queue every batch behind the others');
     * only a recovery, or a look after a failed probe, is one at a time.
     */
    void ensureCurrent() {
        long known = epoch;
        if (status == Health.CURRENT) {
            try {
                if (holdsMarker(known)) {
                    confirmedIfStill(known);
                    return;
                }
            } catch (io.camunda.client.api.command.ClientException e) {
                throw unreachable(e);
            }
        }
        recoverIfNeeded();
    }

    private synchronized void recoverIfNeeded() {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                Document known = load();
                long knownEpoch = known.getLong("epoch");
                if (known.getBoolean("recovering", false)) {
                    recover(known);
                    return;
                }
                if (holdsMarker(knownEpoch)) {
                    confirmed(knownEpoch);
                    return;
                }
                Instant detectedAt = clock.instant();
                Document moved = store.findOneAndUpdate(Filters.and(Filters.eq("_id", "engine"), Filters.eq("epoch", knownEpoch)),
                        Updates.combine(Updates.set("epoch", knownEpoch + 1), Updates.set("recovering", true),
                                Updates.set("detectedAt", Date.from(detectedAt))),
                        new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
                if (moved != null) {
                    log.warn("the engine does not hold epoch {}'s marker: it is a new engine and lost the deployments and running journeys "
                            + "of the one before; redeploying and re-creating them as epoch {}", knownEpoch, knownEpoch + 1);
                    recover(moved);
                    return;
                }
                // another instance of this service moved the epoch on meanwhile: look again
            }
            throw new IllegalStateException("the engine epoch kept moving while this service looked at it");
        } catch (io.camunda.client.api.command.ClientException e) {
            throw unreachable(e);
        }
    }

    private RuntimeException unreachable(io.camunda.client.api.command.ClientException e) {
        status = Health.UNREACHABLE;
        problem = "the engine did not answer: " + e.getMessage();
        return e;
    }

    State state() {
        return new State(epoch, status, confirmedAt, problem, lastRecovery);
    }

    private void recover(Document document) {
        long next = document.getLong("epoch");
        Instant detectedAt = document.getDate("detectedAt").toInstant();
        status = Health.RECOVERING;
        problem = "a new engine was found at " + detectedAt + ": deploying the journeys and re-creating the running ones";
        List<String> journeys = deployment.redeploy();
        EventPublisher.await(List.of(publisher.publish(Topics.JOURNEYS_ENGINE, "engine", BeaconEvents.build("engine-" + next,
                "/beacon/journeys", EngineReplaced.TYPE, null, new EngineReplaced(next, detectedAt, journeys)))));
        Instant requestedAt = clock.instant();
        mark(next);
        store.updateOne(Filters.eq("_id", "engine"), Updates.combine(Updates.set("recovering", false),
                Updates.set("recoveredAt", Date.from(requestedAt)), Updates.set("redeployed", journeys)));
        lastRecovery = new Recovery(next, detectedAt, journeys, requestedAt);
        log.warn("engine epoch {}: {} journeys redeployed ({}); re-creation of the journeys running at {} requested from decisioning",
                next, journeys.size(), String.join(", ", journeys), detectedAt);
        confirmed(next);
    }

    /**
     * A probe found the marker of {@code known}. Waits while a recovery runs; when one ran meanwhile, the epoch it set is
     * the current one (its engine holds the journeys) and this older answer changes nothing.
     */
    private synchronized void confirmedIfStill(long known) {
        if (epoch == known) {
            confirmed(known);
        }
    }

    private void confirmed(long current) {
        epoch = current;
        status = Health.CURRENT;
        confirmedAt = clock.instant();
        problem = null;
    }

    /**
     * The engine record, created on this service's first start: the engine found then is adopted as it is (epoch 1,
     * its marker set), with whatever runs on it; nothing is re-created.
     */
    private Document load() {
        Document known = store.find(Filters.eq("_id", "engine")).first();
        if (known != null) {
            return known;
        }
        deployment.redeploy();
        mark(1);
        try {
            store.insertOne(new Document("_id", "engine").append("epoch", 1L).append("recovering", false)
                    .append("adoptedAt", Date.from(clock.instant())));
            log.info("engine epoch 1 adopted: the first start of the journeys service on this database");
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
        }
        return store.find(Filters.eq("_id", "engine")).first();
    }

    /** Probes without leaving anything behind (TTL 0): true when the engine still holds the marker of {@code epoch}. */
    private boolean holdsMarker(long epoch) {
        try {
            publishMarker(epoch, Duration.ZERO);
            return false;
        } catch (ClientStatusException e) {
            if (e.getStatusCode() == Status.Code.ALREADY_EXISTS) {
                return true;
            }
            throw e;
        }
    }

    private void mark(long epoch) {
        try {
            publishMarker(epoch, MARKER_TTL);
        } catch (ClientStatusException e) {
            if (e.getStatusCode() != Status.Code.ALREADY_EXISTS) {
                throw e;
            }
        }
    }

    private void publishMarker(long epoch, Duration ttl) {
        client.newPublishMessageCommand().messageName(MARKER).correlationKey(CORRELATION).messageId("epoch-" + epoch)
                .timeToLive(ttl).send().join();
    }
}
