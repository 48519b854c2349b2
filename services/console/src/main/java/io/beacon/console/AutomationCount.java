package io.beacon.console;

/**
 * The journey runs of one journey and offer (their TRIGGERED: each starts one journey instance), and how many of them
 * asked a relationship manager (REVIEW_REQUESTED): the rest reached their outcomes with no human step.
 */
public record AutomationCount(String journey, String offer, long instances, long reviewed) {
}
