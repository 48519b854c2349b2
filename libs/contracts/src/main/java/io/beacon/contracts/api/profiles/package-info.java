/**
 * The profiles service's APIs: a customer's profile and contact points ({@link io.beacon.contracts.api.profiles.ProfilesApi}),
 * the scheduled campaigns ({@link io.beacon.contracts.api.profiles.CampaignsApi}) and the persona tag definitions
 * ({@link io.beacon.contracts.api.profiles.TagsApi}).
 */
package io.beacon.contracts.api.profiles;
