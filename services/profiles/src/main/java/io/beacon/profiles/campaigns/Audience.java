package io.beacon.profiles.campaigns;

/** Who a campaign reaches: a FEEL expression over profile attributes and persona tags, from rules/audiences/. */
public record Audience(String id, String name, String file, AudienceExpression expression) {
}
