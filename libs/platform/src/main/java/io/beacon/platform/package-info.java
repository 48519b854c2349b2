/**
 * What every Beacon service shares, configured once: the MongoDB client (one database per service), the
 * Zeebe client over gRPC, the publisher of offer outcomes, and masking of contact points.
 */
package io.beacon.platform;
