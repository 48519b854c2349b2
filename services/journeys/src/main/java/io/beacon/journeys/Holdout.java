package io.beacon.journeys;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The random holdout group of a journey: a customer is held out when the first four bytes of
 * SHA-256(customerId + ":" + trigger), read as an unsigned number, mod 10 000 fall below share x 10 000. Stable per
 * customer and journey (the same customer is always in or out of the same journey, whichever instance or replay),
 * independent between journeys, and needs no state.
 */
final class Holdout {

    private final int threshold;

    Holdout(double share) {
        if (share < 0 || share > 1) {
            throw new IllegalArgumentException("holdout share must be between 0 and 1, was " + share);
        }
        this.threshold = (int) Math.round(share * 10_000);
    }

    boolean isHeldOut(String customerId, String trigger) {
        return bucket(customerId, trigger) < threshold;
    }

    /** 0 to 9 999. */
    static int bucket(String customerId, String trigger) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest((customerId + ":" + trigger).getBytes(StandardCharsets.UTF_8));
            long first = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
            return (int) (first % 10_000);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
