/**
 * The SMS channel sender: a Zeebe job worker for {@code send-sms} that re-checks consent, looks up the phone number,
 * and sends one offer text through the Twilio Messages API exactly once, guarded by a delivery ledger in MongoDB.
 * Flat on purpose: a channel sender has little domain logic, so it needs no hexagon.
 */
package io.beacon.sms;
