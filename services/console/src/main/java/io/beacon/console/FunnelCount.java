package io.beacon.console;

/**
 * How many outcomes of one type (and, for suppressions and failures, one reason) a journey produced.
 *
 * @param journey null for outcomes published before any journey started (a suppression at decision time)
 * @param reason null unless the type carries a reason code
 */
public record FunnelCount(String journey, String type, String reason, long count) {
}
