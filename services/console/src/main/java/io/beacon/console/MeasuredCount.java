package io.beacon.console;

/**
 * What the uplift is counted from: the distinct decisions of one journey and offer that reached one outcome type in one
 * measurement group (ADR 0025), with the sum of the values they carried. Distinct decisions, because a journey that
 * tries a second channel sends twice for one customer: it is one treated customer.
 *
 * @param journey   null for outcomes that carry no journey
 * @param group     TREATMENT, HOLDOUT or GLOBAL_CONTROL; null for outcomes published before groups were assigned
 * @param decisions distinct decision ids (outcomes with none count as one)
 * @param valueSum  the sum of {@code value} over the outcomes (CONVERTED carries the offer's expected value)
 * @param valued    how many of the outcomes carried a value
 */
public record MeasuredCount(String journey, String offer, String type, String group, long decisions, double valueSum, long valued) {
}
