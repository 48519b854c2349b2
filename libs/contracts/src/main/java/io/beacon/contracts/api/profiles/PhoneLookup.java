package io.beacon.contracts.api.profiles;

/** @param phone the number asked about, E.164 ({@code +447700900123}) */
public record PhoneLookup(String phone) {
}
