package io.beacon.contracts.api.profiles;

/** @param removed true when the token was the profile's and is gone; false when the profile holds another one (or none) */
public record PushTokenRemoval(boolean removed) {
}
