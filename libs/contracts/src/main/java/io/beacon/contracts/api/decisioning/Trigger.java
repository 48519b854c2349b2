package io.beacon.contracts.api.decisioning;

/**
 * A trigger a rule raised for an event.
 *
 * @param name        the trigger (SalaryCredited, LargeDeposit...), which names the journey it starts
 * @param productCode the product it proposes
 * @param rule        the rule that raised it
 */
public record Trigger(String name, String productCode, String rule) {
}
