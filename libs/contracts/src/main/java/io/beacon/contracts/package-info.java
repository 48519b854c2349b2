/**
 * Beacon's public contract: Kafka topics, CloudEvent types, the JSON Schema of every bank event,
 * and the records of the events Beacon itself publishes. Services depend on this module, never on each other.
 */
package io.beacon.contracts;
