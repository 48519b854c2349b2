package io.beacon.contracts.api.channels;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A sender's content as {@code GET /api/templates} shows it.
 *
 * @param channel       {@code sms}, {@code push} or {@code email}
 * @param version       the content version serving
 * @param loadedAt      when it was loaded
 * @param directory     the content folder it watches, as an absolute path; null for a fixed set
 * @param watching      whether a change to the folder is picked up while it runs
 * @param interval      how often the folder is looked at
 * @param lastRejection the last content set refused, with every problem; null when none was
 * @param templates     every template serving
 * @param offersOwn     the template names that stand for each offer's own template
 */
public record TemplatesStatus(String channel, String version, Instant loadedAt, String directory, boolean watching, Duration interval,
                              Rejection lastRejection, List<Template> templates, List<String> offersOwn) {

    /**
     * A content set that was refused; the one before it kept serving.
     *
     * @param at       when
     * @param version  the refused set's version
     * @param problems every problem
     */
    public record Rejection(Instant at, String version, List<ContentProblem> problems) {
    }

    /**
     * A template.
     *
     * @param name    its name, as a journey step's {@code template} header names it
     * @param kind    {@code OFFER}, {@code GENERIC}, {@code VARIANT}, {@code STEP} or {@code STEP_GENERIC}
     * @param offer   the product code of an offer's template; null for a step's, which serves any offer
     * @param generic the generic counterpart's name (itself for a generic one)
     * @param locales the locales it is written in
     */
    public record Template(String name, String kind, String offer, String generic, List<String> locales) {
    }
}
