/**
 * The push channel sender: a Zeebe job worker for {@code send-push} that re-checks consent, looks up the app's
 * registration token, and sends one offer notification through FCM HTTP v1 exactly once, with a preferences deep link.
 * Flat on purpose: a channel sender has little domain logic, so it needs no hexagon.
 */
package io.beacon.push;
