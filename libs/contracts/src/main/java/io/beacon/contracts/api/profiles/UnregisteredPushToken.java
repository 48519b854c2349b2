package io.beacon.contracts.api.profiles;

/** @param token the push token FCM refused as UNREGISTERED */
public record UnregisteredPushToken(String token) {
}
