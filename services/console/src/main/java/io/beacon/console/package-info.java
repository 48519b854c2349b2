/**
 * The console: projects every offer outcome published on {@code beacon.offers} into MongoDB (the outcomes
 * themselves, keyed by CloudEvent id, and a funnel of counters per journey, type and reason) and serves a
 * marketing dashboard from those projections. It reads nothing else: no profile, no contact point.
 */
package io.beacon.console;
