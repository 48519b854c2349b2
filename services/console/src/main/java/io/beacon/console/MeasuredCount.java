package io.beacon.console;

/**
 * What the uplift is counted from (ADR 0025): how many decisions of one journey, offer and measurement group were sent
 * (by the query's channel, when it names one), held out and converted, in one combination of the three, with the sum
 * of the values their outcomes carried. Decisions, because a journey that tries a second channel sends twice for one
 * customer: it is one treated customer.
 *
 * @param journey   null for outcomes that carry no journey
 * @param group     TREATMENT, HOLDOUT or GLOBAL_CONTROL; null for outcomes published before groups were assigned
 * @param decisions distinct decision ids in this combination (outcomes with none count as one)
 * @param valueSum  the sum of {@code value} over their outcomes (CONVERTED carries the offer's expected value)
 * @param valued    how many of their outcomes carried a value
 */
public record MeasuredCount(String journey, String offer, String group, boolean sent, boolean heldOut, boolean converted,
                            long decisions, double valueSum, long valued) {
}
