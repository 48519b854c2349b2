package io.beacon.contracts;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An A/B/n test of an offer's content on one channel (ADR 0025), on {@link Topics#EXPERIMENTS} keyed by its id: the
 * latest record per id is the experiment. Marketing operations start and stop it in the console; the channel service
 * renders the variant a customer is assigned to, and every SENT and the CONVERTED that follows carry
 * {@link #label(Variant) id/variant}.
 *
 * @param id                       a slug, e.g. {@code easy-saver-sms-warm}
 * @param productCode              the offer whose content is tested
 * @param channel                  sms, push or email
 * @param variants                 two or more; {@code default} is the offer's own template, any other name a content
 *                                 variant the channel's templates declare for the offer
 * @param minimumDetectableEffect  the smallest absolute difference in conversion worth detecting (0.02 = two points):
 *                                 what the sample size is computed for
 * @param running                  false once stopped: customers get the offer's own template again
 */
public record ContentExperiment(String id, String name, String productCode, String channel, List<Variant> variants,
                                double minimumDetectableEffect, boolean running, String createdBy, Instant createdAt,
                                Instant stoppedAt) {

    /** The offer's own template, as a variant name. */
    public static final String DEFAULT = "default";
    public static final Set<String> CHANNELS = Set.of("sms", "push", "email");
    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

    /** @param share the percentage of the experiment's customers who get it; the shares add up to 100 */
    public record Variant(String name, int share) {
    }

    public ContentExperiment {
        variants = variants == null ? List.of() : List.copyOf(variants);
    }

    /** What is wrong with a proposed experiment, each with the JSON Pointer of the field; empty when nothing is. */
    public List<Violation> problems() {
        var problems = new ArrayList<Violation>();
        if (id == null || !SLUG.matcher(id).matches()) {
            problems.add(new Violation("/id", "must be a slug of 2 to 63 lower-case letters, digits and dashes, was " + quoted(id)));
        }
        if (productCode == null || productCode.isBlank()) {
            problems.add(new Violation("/productCode", "is required"));
        }
        if (channel == null || !CHANNELS.contains(channel)) {
            problems.add(new Violation("/channel", "must be one of sms, push, email, was " + quoted(channel)));
        }
        if (variants.size() < 2) {
            problems.add(new Violation("/variants", "needs at least two variants to compare, has " + variants.size()));
        }
        Set<String> names = new HashSet<>();
        int total = 0;
        for (int i = 0; i < variants.size(); i++) {
            Variant v = variants.get(i);
            if (v == null || v.name() == null || !SLUG.matcher(v.name()).matches()) {
                problems.add(new Violation("/variants/" + i + "/name", "must be a slug (default, or a content variant's name), was "
                        + quoted(v == null ? null : v.name())));
                continue;
            }
            if (!names.add(v.name())) {
                problems.add(new Violation("/variants/" + i + "/name", "'" + v.name() + "' appears twice"));
            }
            if (v.share() <= 0 || v.share() > 100) {
                problems.add(new Violation("/variants/" + i + "/share", "must be a percentage from 1 to 100, was " + v.share()));
            }
            total += v.share();
        }
        if (!variants.isEmpty() && total != 100) {
            problems.add(new Violation("/variants", "the shares add up to " + total + " %, not 100 %"));
        }
        if (!(minimumDetectableEffect > 0 && minimumDetectableEffect < 1)) {
            problems.add(new Violation("/minimumDetectableEffect", "must be an absolute difference in conversion between 0 and 1 "
                    + "(0.02 = two percentage points), was " + minimumDetectableEffect));
        }
        return problems;
    }

    /**
     * The variant of a customer: the first four bytes of SHA-256 of {@code id + ":" + customerId}, read as an unsigned
     * number, mod 100, against the shares in order. Stable per customer and experiment, whichever instance sends, and
     * independent between experiments.
     */
    public Variant assign(String customerId) {
        int bucket = bucket(id + ":" + customerId);
        int upTo = 0;
        for (Variant v : variants) {
            upTo += v.share();
            if (bucket < upTo) {
                return v;
            }
        }
        return variants.getLast();
    }

    /** What outcomes carry as their {@code variant}: {@code <experiment id>/<variant name>}. */
    public String label(Variant variant) {
        return id + "/" + variant.name();
    }

    /** The same experiment, stopped. */
    public ContentExperiment stopped(Instant at) {
        return new ContentExperiment(id, name, productCode, channel, variants, minimumDetectableEffect, false, createdBy, createdAt, at);
    }

    static int bucket(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            long first = ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16) | ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL);
            return (int) (first % 100);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static String quoted(String value) {
        return value == null ? "nothing" : "'" + value + "'";
    }
}
