/**
 * What every Beacon service shares, configured once: the MongoDB client (one database per service), the
 * Zeebe client over gRPC, the publisher of offer outcomes, masking of contact points, and who may call a service's API
 * and how it calls the others (ADR 0014).
 */
package io.beacon.platform;
