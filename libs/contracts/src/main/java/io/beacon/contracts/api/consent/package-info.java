/**
 * The consent service's APIs: consent per customer, channel and purpose, its history, the senders' leases and the app's
 * preferences ({@link io.beacon.contracts.api.consent.ConsentApi}); erased contact points and the erasure of a customer
 * ({@link io.beacon.contracts.api.consent.SuppressionsApi}).
 */
package io.beacon.contracts.api.consent;
