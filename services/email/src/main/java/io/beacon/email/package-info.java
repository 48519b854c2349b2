/**
 * The email channel sender: a Zeebe job worker for {@code send-email} that re-checks consent, looks up the address,
 * and sends one offer email over SMTP exactly once, with RFC 8058 one-click unsubscribe headers and a visible link.
 * Flat on purpose: a channel sender has little domain logic, so it needs no hexagon.
 */
package io.beacon.email;
