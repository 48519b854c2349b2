package io.beacon.console;

/**
 * How many outcomes of one type (and, for a type that carries one, one reason) one step of one journey reached: the
 * finest grain of the funnel, one row of its CSV export.
 *
 * @param journey null for outcomes that carry no journey (published before outcomes were labelled)
 * @param step    the BPMN element id, null when the outcome named none
 * @param reason  null unless the type carries a reason code (SUPPRESSED, FAILED, DEFERRED, HELD_OUT)
 */
public record StepCount(String journey, String step, String type, String reason, long count) {
}
