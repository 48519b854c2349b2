package io.beacon.journeys;

import io.beacon.contracts.MeasurementGroup;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Who is held out, and of what (ADR 0025). A customer is in the global control group when the bucket of
 * {@code customerId + ":GLOBAL_CONTROL"} falls below the global share, then held out of every journey; otherwise in a
 * journey's holdout group when the bucket of {@code customerId + ":" + trigger} falls below the journey's share (its
 * {@code beacon.holdout-share} property, else the default). A bucket is the first four bytes of SHA-256, read as an
 * unsigned number, mod 10 000. Stable per customer (and journey), whichever instance or replay; independent between
 * journeys and of the global group; needs no state.
 */
final class Holdout {

    static final String GLOBAL = "GLOBAL_CONTROL";

    private final double defaultShare;
    private final int globalThreshold;

    /** Only journey holdouts, no global control group. */
    Holdout(double defaultShare) {
        this(defaultShare, 0);
    }

    Holdout(double defaultShare, double globalControlShare) {
        check(defaultShare, "holdout share");
        check(globalControlShare, "global control share");
        this.defaultShare = defaultShare;
        this.globalThreshold = threshold(globalControlShare);
    }

    /** The group of a customer in the journey a trigger starts; {@code journeyShare} null means the default share. */
    MeasurementGroup groupOf(String customerId, String trigger, Double journeyShare) {
        if (bucket(customerId, GLOBAL) < globalThreshold) {
            return MeasurementGroup.GLOBAL_CONTROL;
        }
        double share = journeyShare == null ? defaultShare : journeyShare;
        return bucket(customerId, trigger) < threshold(share) ? MeasurementGroup.HOLDOUT : MeasurementGroup.TREATMENT;
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

    private static int threshold(double share) {
        check(share, "holdout share");
        return (int) Math.round(share * 10_000);
    }

    private static void check(double share, String what) {
        if (!(share >= 0 && share <= 1)) {
            throw new IllegalArgumentException(what + " must be between 0 and 1, was " + share);
        }
    }
}
