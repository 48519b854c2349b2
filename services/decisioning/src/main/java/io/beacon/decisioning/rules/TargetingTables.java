package io.beacon.decisioning.rules;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.kie.dmn.api.core.DMNContext;
import org.kie.dmn.api.core.DMNDecisionResult;
import org.kie.dmn.api.core.DMNMessage;
import org.kie.dmn.api.core.DMNModel;
import org.kie.dmn.api.core.DMNRuntime;
import org.kie.dmn.api.core.event.AfterEvaluateDecisionTableEvent;
import org.kie.dmn.api.core.event.DMNRuntimeEventListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The targeting tables of a rules version: every DMN decision table under rules/triggers/ (Camunda Modeler's DMN 1.3
 * files), checked and compiled by Drools' own DMN engine at load ({@link TargetingTableLoader}), and evaluated beside the
 * trigger DRL on each event (here).
 * A table's rows raise a trigger and its offer (output columns {@code trigger} and {@code offer}); the row that fired is
 * reported as {@code triggers/spending.dmn#LargeDepositTargeting row 3}.
 */
public final class TargetingTables {

    private static final Logger log = LoggerFactory.getLogger(TargetingTables.class);

    static final String TRIGGER = "trigger";
    static final String OFFER = "offer";

    /**
     * One table.
     *
     * @param key {@code file#decision}, what decision records and the simulation name
     * @param eventTypes the event types its rows can match (from its {@code eventType} column), empty when any
     * @param rowIds the rule id of each row, in order (row n is rowIds[n-1])
     */
    record Table(String key, DMNModel model, String decision, Set<String> eventTypes, boolean personalised, List<String> rowIds,
                 List<List<Guard>> rowGuards) {

        /**
         * False only when no row can match: every row has a text column whose cell is a literal the value is not (or,
         * for {@code not(...)}, is). A pre-check before the DMN engine, which still decides every table it lets through.
         */
        boolean mayMatch(EventFact event, CustomerFact customer, LocalDate today) {
            if (rowGuards.isEmpty()) {
                return true;
            }
            for (List<Guard> row : rowGuards) {
                boolean passes = true;
                for (Guard guard : row) {
                    Object other = guard.other() == null ? null : guard.other().valueFor(event, customer, today);
                    if (!guard.passes(guard.input().valueFor(event, customer, today), other)) {
                        passes = false;
                        break;
                    }
                }
                if (passes) {
                    return true;
                }
            }
            return false;
        }
    }

    /**
     * A text column's cell that is a list of literals ({@code "A","B"}), or their negation ({@code not("A")}), or
     * {@code not(null, other)} with another text input ({@code not(null, country)}: present and not the customer's country).
     */
    record Guard(TargetingInput input, Set<String> values, boolean negated, TargetingInput other) {
        boolean passes(Object value, Object otherValue) {
            if (other != null) {
                return value != null && !value.equals(otherValue);
            }
            if (negated) {
                return value == null || !values.contains(value);
            }
            return value != null && values.contains(value);
        }
    }

    private final DMNRuntime runtime;
    private final List<Table> tables;
    private final Map<String, List<Table>> byEventType = new HashMap<>();
    private final List<Table> anyEventType;
    private final Set<String> inputsUsed;

    /** The rows a decision table selected, per evaluating thread (the runtime's listener is shared). */
    private static final ThreadLocal<List<Integer>> SELECTED = new ThreadLocal<>();

    TargetingTables(DMNRuntime runtime, List<Table> tables, Set<String> inputsUsed) {
        this.runtime = runtime;
        this.tables = List.copyOf(tables);
        this.inputsUsed = Set.copyOf(inputsUsed);
        this.anyEventType = tables.stream().filter(t -> t.eventTypes().isEmpty()).toList();
        for (Table t : tables) {
            t.eventTypes().forEach(type -> byEventType.computeIfAbsent(type, k -> new ArrayList<>()).add(t));
        }
        if (runtime != null) {
            runtime.addListener(new DMNRuntimeEventListener() {
                @Override
                public void afterEvaluateDecisionTable(AfterEvaluateDecisionTableEvent event) {
                    SELECTED.set(event.getSelected());
                }
            });
        }
    }

    static TargetingTables none() {
        return new TargetingTables(null, List.of(), Set.of());
    }

    List<Table> tables() {
        return tables;
    }

    /** Keys of the personalised tables ({@code file#decision}). */
    Set<String> personalised() {
        Set<String> keys = new LinkedHashSet<>();
        tables.stream().filter(Table::personalised).forEach(t -> keys.add(t.key()));
        return keys;
    }

    /**
     * Evaluates the tables that apply to the event's type; for a customer who refused profiling only the generic ones
     * (no customer input, not marked {@code @personalised}), with no customer to read. Each row that fired raises its
     * trigger, named by table and row.
     */
    public void evaluate(EventFact event, CustomerFact customer, LocalDate today, Decisions decisions) {
        if (tables.isEmpty()) {
            return;
        }
        List<Table> applicable = byEventType.getOrDefault(event.getType(), List.of());
        if (applicable.isEmpty() && anyEventType.isEmpty()) {
            return;
        }
        DMNContext context = null;
        for (List<Table> group : List.of(applicable, anyEventType)) {
            for (Table table : group) {
                if (table.personalised() && customer == null || !table.mayMatch(event, customer, today)) {
                    continue;
                }
                if (context == null) {
                    context = context(event, customer, today);
                }
                evaluate(table, context, decisions);
            }
        }
    }

    private DMNContext context(EventFact event, CustomerFact customer, LocalDate today) {
        DMNContext context = runtime.newContext();
        for (TargetingInput input : TargetingInput.values()) {
            if (inputsUsed.contains(input.variable())) {
                context.set(input.variable(), input.valueFor(event, customer, today));
            }
        }
        return context;
    }

    private void evaluate(Table table, DMNContext context, Decisions decisions) {
        SELECTED.remove();
        var result = runtime.evaluateByName(table.model(), context, table.decision());
        DMNDecisionResult decision = result.getDecisionResultByName(table.decision());
        if (decision == null || decision.getEvaluationStatus() != DMNDecisionResult.DecisionEvaluationStatus.SUCCEEDED) {
            // Names the table only: the inputs are the customer's data and stay out of the log.
            log.warn("Targeting table {} failed to evaluate, it raises nothing for this event: {}", table.key(),
                    result.getMessages(DMNMessage.Severity.ERROR).stream().map(DMNMessage::getText).toList());
            return;
        }
        List<Integer> rows = SELECTED.get();
        Object value = decision.getResult();
        List<?> hits = value instanceof List<?> list ? list : value == null ? List.of() : List.of(value);
        for (int i = 0; i < hits.size(); i++) {
            if (hits.get(i) instanceof Map<?, ?> row && row.get(TRIGGER) instanceof String trigger && row.get(OFFER) instanceof String offer) {
                String where = rows != null && i < rows.size() ? " row " + rows.get(i) : "";
                decisions.trigger(trigger, offer, table.key() + where);
            }
        }
    }
}
