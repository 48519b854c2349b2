package io.beacon.contracts;

/** The Kafka topics of Beacon; every record key is the customer id. */
public final class Topics {
    /** Bank systems publish here (public, CloudEvents 1.0 structured JSON). */
    public static final String BANK_EVENTS = "bank.events";
    /** Every event intake refused, with the reason in headers and in the body. */
    public static final String BANK_EVENTS_REJECTED = "bank.events.rejected";
    /** Validated, de-duplicated and minimised bank events (internal). */
    public static final String EVENTS_ACCEPTED = "beacon.events.accepted";
    /** Accepted events with the customer's profile as it is right after applying them (internal). */
    public static final String EVENTS_PROFILED = "beacon.events.profiled";
    /** Decisions that start a journey (internal). */
    public static final String JOURNEYS_TRIGGERED = "beacon.journeys.triggered";
    /**
     * The journeys service's word that the engine lost its state (a new, empty engine; ADR 0020): decisioning answers
     * by publishing the triggers of every journey still running by its claims again (internal; key "engine").
     */
    public static final String JOURNEYS_ENGINE = "beacon.journeys.engine";
    /**
     * The journeys deployed now, one record per journey keyed by its id (compacted; internal): its version, lifecycle
     * stage and the triggers that start it. Decisioning labels decision-stage outcomes with it.
     */
    public static final String JOURNEYS_CATALOGUE = "beacon.journeys.catalogue";
    /**
     * The content experiments, one record per experiment keyed by its id (compacted; internal; ADR 0025): the console
     * publishes them, the channel services render the variant each customer is assigned to.
     */
    public static final String EXPERIMENTS = "beacon.experiments";
    /**
     * The live release of what marketing ops change without a release of Beacon (rules/, workflows/, content/), one
     * record keyed {@code live} (compacted; internal): the console publishes it when a proposal is approved or rolled
     * back, and the services that load those folders follow it ({@link LiveRelease}).
     */
    public static final String RELEASES = "beacon.releases";
    /** Consent changes as recorded by the consent service (internal). */
    public static final String CONSENT_CHANGES = "beacon.consent.changes";
    /** Every step of every offer's life (public; analytics are built only from it). */
    public static final String OFFERS = "beacon.offers";

    private Topics() {
    }
}
