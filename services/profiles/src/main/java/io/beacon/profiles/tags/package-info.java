/**
 * Persona tags with time windows: definitions declared in {@code rules/tags/} (JSON, FEEL conditions), the window
 * arithmetic that keeps them up to date as each event is applied, and their hot reload.
 */
package io.beacon.profiles.tags;
