package io.beacon.delivery;

import java.util.Map;
import java.util.Objects;

/**
 * What one send job ({@code send-sms}, {@code send-email}, {@code send-push}) asks for: the channel, the job's
 * variables, plus where in which journey instance it runs. Kept free of Zeebe types so the delivery logic can be
 * tested without an engine.
 *
 * @param variant  the content experiment's {@code <experiment>/<variant>} the customer is assigned to (ADR 0026), else null
 * @param template the template the journey step names in its {@code template} header (ADR 0027); null: the offer's own
 */
public record DeliveryRequest(
        Channel channel,
        String customerId,
        String productCode,
        String trigger,
        String journey,
        String journeyInstance,
        String step,
        String sourceEventId,
        String decisionId,
        String personalNote,
        Integer journeyVersion,
        String stage,
        String variant,
        String template) {

    /** Without a template header: the offer's own template. */
    public DeliveryRequest(Channel channel, String customerId, String productCode, String trigger, String journey,
                           String journeyInstance, String step, String sourceEventId, String decisionId, String personalNote,
                           Integer journeyVersion, String stage, String variant) {
        this(channel, customerId, productCode, trigger, journey, journeyInstance, step, sourceEventId, decisionId, personalNote,
                journeyVersion, stage, variant, null);
    }

    /** Without a relationship manager's note (the offers no RM reviews) and without journey version and stage. */
    public DeliveryRequest(Channel channel, String customerId, String productCode, String trigger, String journey,
                           String journeyInstance, String step, String sourceEventId, String decisionId) {
        this(channel, customerId, productCode, trigger, journey, journeyInstance, step, sourceEventId, decisionId, null, null, null, null);
    }

    /** Without journey version and stage. */
    public DeliveryRequest(Channel channel, String customerId, String productCode, String trigger, String journey,
                           String journeyInstance, String step, String sourceEventId, String decisionId, String personalNote) {
        this(channel, customerId, productCode, trigger, journey, journeyInstance, step, sourceEventId, decisionId, personalNote, null, null, null);
    }

    /**
     * The outcome of this send, labelled like every journey outcome (journey, version, stage); only customers in the
     * journey's TREATMENT group are ever sent to (ADR 0025).
     */
    public io.beacon.contracts.OfferOutcome outcome(io.beacon.contracts.OutcomeType type, io.beacon.contracts.ReasonCode reason,
                                                    String detail, java.time.Instant at) {
        return new io.beacon.contracts.OfferOutcome(type, customerId, journey, journeyInstance, step, trigger, productCode, channel.id(),
                reason, detail, sourceEventId, decisionId, at)
                .labelled(journey, journeyVersion, stage)
                .measured(io.beacon.contracts.MeasurementGroup.TREATMENT, variant, null);
    }

    /** The same send in a content experiment's variant, {@code <experiment>/<variant>}. */
    public DeliveryRequest withVariant(String experimentVariant) {
        return new DeliveryRequest(channel, customerId, productCode, trigger, journey, journeyInstance, step, sourceEventId, decisionId,
                personalNote, journeyVersion, stage, experimentVariant, template);
    }

    /** The same send rendering the template a journey step names ({@code template} header; blank: the offer's own). */
    public DeliveryRequest withTemplate(String stepTemplate) {
        return new DeliveryRequest(channel, customerId, productCode, trigger, journey, journeyInstance, step, sourceEventId, decisionId,
                personalNote, journeyVersion, stage, variant, stepTemplate == null || stepTemplate.isBlank() ? null : stepTemplate.strip());
    }

    /** The name of the content variant to render (the part after the experiment's id), null outside experiments. */
    public String contentVariant() {
        return variant == null ? null : variant.substring(variant.indexOf('/') + 1);
    }

    public DeliveryRequest {
        Objects.requireNonNull(channel, "channel");
        // Without these the send can be neither addressed nor de-duplicated: a modelling error, not a transient one.
        requireText(customerId, "customerId");
        requireText(sourceEventId, "sourceEventId");
        requireText(journey, "journey");
        requireText(journeyInstance, "journeyInstance");
        requireText(step, "step");
    }

    /** Reads the job variables the journeys pass in; journey, instance and step come from the job itself. */
    public static DeliveryRequest of(Channel channel, Map<String, Object> variables, String journey, long processInstanceKey,
                                     String elementId) {
        return of(channel, variables, journey, null, processInstanceKey, elementId);
    }

    /** As above, with the journey's deployed version; the stage comes with the instance's variables. */
    public static DeliveryRequest of(Channel channel, Map<String, Object> variables, String journey, Integer journeyVersion,
                                     long processInstanceKey, String elementId) {
        return new DeliveryRequest(
                channel,
                text(variables.get("customerId")),
                text(variables.get("productCode")),
                text(variables.get("trigger")),
                journey,
                String.valueOf(processInstanceKey),
                elementId,
                text(variables.get("sourceEventId")),
                text(variables.get("decisionId")),
                text(variables.get("personalNote")),
                journeyVersion,
                text(variables.get("stage")),
                null);
    }

    /** The template variables this send adds: the RM's note, when the offer was approved with one. */
    public java.util.Map<String, String> templateExtras() {
        return personalNote == null || personalNote.isBlank() ? java.util.Map.of()
                : java.util.Map.of(MessageTemplates.PERSONAL_NOTE, personalNote.strip());
    }

    /**
     * The send key: the bank event id, the journey (BPMN process id), the step and the channel, so a redelivered job,
     * a retried step, a replayed event and a journey re-created after the loss of the engine (ADR 0020) all map to the
     * same ledger record. Not the process instance key: a re-created journey runs in a new instance, and a new engine
     * hands out the same instance keys again. One bank event starts a journey at most once (the trigger's message id),
     * and a journey reaches a step and channel once, so nothing else needs telling apart.
     */
    public String idempotencyKey() {
        return io.beacon.contracts.JourneyKeys.step(sourceEventId, journey, step) + "/" + channel.id();
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }

    private static void requireText(String value, String name) {
        if (Objects.requireNonNullElse(value, "").isBlank()) {
            throw new IllegalArgumentException("job variable or attribute '" + name + "' is missing");
        }
    }
}
