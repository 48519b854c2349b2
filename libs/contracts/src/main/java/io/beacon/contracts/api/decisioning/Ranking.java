package io.beacon.contracts.api.decisioning;

import java.util.List;

/**
 * An offer's arbitration: score = propensity x expected value x context weight; rank 1 wins.
 *
 * @param propensity    the likelihood the customer takes it up, after every factor
 * @param expectedValue what it is worth to the bank if taken up
 * @param contextWeight how well the moment suits it, after every factor
 * @param score         the product of the three
 * @param rank          1 for the winner
 * @param factors       the multipliers arbitration rules gave it
 */
public record Ranking(double propensity, double expectedValue, double contextWeight, double score, int rank, List<Factor> factors) {
}
