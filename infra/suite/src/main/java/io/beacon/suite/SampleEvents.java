package io.beacon.suite;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.beacon.contracts.Json;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Synthetic bank events for a population of customers, deterministic per seed: enough variety that a replay shows
 * offers sent on every channel and offers suppressed for several reasons (no consent, already holds, residency, age).
 */
public final class SampleEvents {

    private static final String[][] COUNTRIES = {
            {"GB", "en-GB", "Europe/London", "+447700", "12"}, {"CN", "zh-CN", "Asia/Shanghai", "+86138", "13"},
            {"HK", "zh-HK", "Asia/Hong_Kong", "+8526", "11"}, {"SG", "en-SG", "Asia/Singapore", "+659", "10"},
            {"IE", "en-IE", "Europe/Dublin", "+35387", "12"}, {"US", "en-US", "America/New_York", "+1202555", "11"}};
    /** Percent of the sample's customers who consent to SMS marketing (most), to push and to email. */
    public static final int SMS_CONSENT_SHARE = 70;
    static final int PUSH_CONSENT_SHARE = 30;
    static final int EMAIL_CONSENT_SHARE = 40;
    private static final String[] NAMES = {"Mei", "Oliver", "Wei", "Aoife", "Priya", "James", "Lin", "Sofia", "Tom", "Yan"};

    private SampleEvents() {
    }

    /** One bank event as the JSON a bank system would publish, with its record key (the customer id). */
    public record Event(String customerId, byte[] json) {

        /** The CloudEvent id, read back from the JSON (null when it is not a CloudEvent). */
        public String eventId() {
            try {
                var id = Json.mapper().readTree(json).get("id");
                return id == null ? null : id.asText();
            } catch (java.io.IOException e) {
                return null;
            }
        }
    }

    /** Percent of the sample's customers with a large deposit (a DMN-targeted trigger) and with card spend abroad. */
    static final int LARGE_DEPOSIT_SHARE = 8;
    static final int SPEND_ABROAD_SHARE = 10;
    /** Percent with a completed suitability questionnaire: without one, no investment is suitable (ADR 0037). */
    static final int RISK_PROFILE_SHARE = 50;
    private static final String[] KNOWLEDGE = {"NONE", "BASIC", "INFORMED", "ADVANCED"};

    public static List<Event> population(int customers, long seed) {
        var random = new Random(seed);
        // the deposits and card payments draw from their own generator: the rest of the population stays as it was
        var spending = new Random(seed * 31 + 1);
        var events = new ArrayList<Event>();
        for (int i = 1; i <= customers; i++) {
            String id = String.format("C%06d", i);
            String[] country = COUNTRIES[random.nextInt(COUNTRIES.length)];
            int age = random.nextInt(100) < 4 ? 16 : 19 + random.nextInt(60);
            String phone = phone(country[3], Integer.parseInt(country[4]), random);
            events.add(customerUpdated(id, "sample-" + id + "-profile", NAMES[random.nextInt(NAMES.length)],
                    LocalDate.now().minusYears(age).minusDays(random.nextInt(300)), country[0], country[1], country[2], phone,
                    "customer" + i + "@example.com"));
            events.addAll(consents(id, "sample-" + id, SMS_CONSENT_SHARE, random));
            if (random.nextInt(100) < 10) {
                events.add(event(id, "sample-" + id + "-holding", "/core-banking", "bank.product.purchased",
                        Map.of("productCode", "EASY_SAVER", "purchasedAt", Instant.now().minusSeconds(86_400L * 90).toString())));
            }
            events.add(salary(id, "sample-" + id + "-salary-1", 1800 + random.nextInt(40) * 100, currency(country[0])));
            if (spending.nextInt(100) < RISK_PROFILE_SHARE) {
                events.add(event(id, "sample-" + id + "-risk-profile", "/advice", "bank.risk-profile.assessed",
                        Map.of("tolerance", 1 + spending.nextInt(5), "knowledgeLevel", KNOWLEDGE[spending.nextInt(KNOWLEDGE.length)],
                                "assessedAt", LocalDate.now().minusDays(spending.nextInt(300)).toString())));
            }
            if (spending.nextInt(100) < LARGE_DEPOSIT_SHARE) {
                // above the threshold of the currency's row in rules/triggers/spending.dmn (LargeDepositTargeting)
                events.add(transaction(id, "sample-" + id + "-deposit", largeDepositThreshold(currency(country[0])) * (15 + spending.nextInt(10)) / 10,
                        currency(country[0]), "CREDIT", "TRANSFER", null));
            }
            if (spending.nextInt(100) < SPEND_ABROAD_SHARE) {
                String abroad = COUNTRIES[(java.util.Arrays.asList(COUNTRIES).indexOf(country) + 1 + spending.nextInt(COUNTRIES.length - 1)) % COUNTRIES.length][0];
                events.add(transaction(id, "sample-" + id + "-card-abroad", 40 + spending.nextInt(300), currency(country[0]), "DEBIT", "CARD", abroad));
            }
        }
        return events;
    }

    /** A posted transaction; {@code merchantCountry} only for a card payment. */
    public static Event transaction(String id, String eventId, int amount, String currency, String direction, String category,
                                    String merchantCountry) {
        var data = new java.util.LinkedHashMap<String, Object>(Map.of("accountId", "ACC-" + id, "amount", amount, "currency", currency,
                "direction", direction, "category", category, "bookedAt", Instant.now().toString()));
        if (merchantCountry != null) {
            data.put("merchantCountry", merchantCountry);
        }
        return event(id, eventId, "/core-banking", "bank.transaction.posted", data);
    }

    private static int largeDepositThreshold(String currency) {
        return switch (currency) {
            case "CNY" -> 80_000;
            case "HKD" -> 100_000;
            case "SGD" -> 16_000;
            case "GBP" -> 10_000;
            default -> 12_000;
        };
    }

    /**
     * The marketing consents a customer grants, as bank systems report them ({@code bank.consent.changed}, GRANTED):
     * SMS with the given share in percent, and independently push (30 %) and email (40 %), so that journeys fall back
     * across channels. The event ids are {@code eventIdPrefix} + {@code -consent}, {@code -consent-push},
     * {@code -consent-email}; three draws of {@code random} whatever the outcome.
     */
    public static List<Event> consents(String id, String eventIdPrefix, int smsShare, Random random) {
        var events = new ArrayList<Event>(3);
        if (random.nextInt(100) < smsShare) {
            events.add(consent(id, eventIdPrefix + "-consent", "sms", "GRANTED"));
        }
        if (random.nextInt(100) < PUSH_CONSENT_SHARE) {
            events.add(consent(id, eventIdPrefix + "-consent-push", "push", "GRANTED"));
        }
        if (random.nextInt(100) < EMAIL_CONSENT_SHARE) {
            events.add(consent(id, eventIdPrefix + "-consent-email", "email", "GRANTED"));
        }
        return events;
    }

    public static Event customerUpdated(String id, String eventId, String firstName, LocalDate birthDate, String country,
                                        String language, String timeZone, String phone, String email) {
        ObjectNode data = Json.mapper().createObjectNode()
                .put("firstName", firstName)
                .put("birthDate", birthDate.toString())
                .put("country", country)
                .put("language", language)
                .put("timeZone", timeZone)
                .put("segment", "MASS")
                .put("relationshipManager", "rm-" + (Math.abs(id.hashCode()) % 5 + 1));
        data.putObject("contactPoints").put("phone", phone).put("email", email).put("pushToken", "fcm-" + id);
        data.putArray("preferredChannels").add("sms").add("email");
        return event(id, eventId, "/crm", "bank.customer.updated", data);
    }

    public static Event consent(String id, String eventId, String channel, String status) {
        return event(id, eventId, "/crm", "bank.consent.changed",
                Map.of("channel", channel, "purpose", "marketing", "status", status, "legalBasis", "CONSENT",
                        "changedAt", Instant.now().toString()));
    }

    public static Event salary(String id, String eventId, int amount, String currency) {
        return transaction(id, eventId, amount, currency, "CREDIT", "SALARY", null);
    }

    public static Event event(String customerId, String eventId, String source, String type, Object data) {
        ObjectNode event = Json.mapper().createObjectNode()
                .put("specversion", "1.0")
                .put("id", eventId)
                .put("source", source)
                .put("type", type)
                .put("subject", customerId)
                .put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", Json.mapper().valueToTree(data));
        try {
            return new Event(customerId, Json.mapper().writeValueAsBytes(event));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** An E.164 number of the country's length: the prefix, then random digits up to {@code digits} after the plus. */
    static String phone(String prefix, int digits, Random random) {
        var number = new StringBuilder(prefix);
        while (number.length() < digits + 1) {
            number.append(random.nextInt(10));
        }
        return number.toString();
    }

    private static String currency(String country) {
        return switch (country) {
            case "GB" -> "GBP";
            case "CN" -> "CNY";
            case "HK" -> "HKD";
            case "SG" -> "SGD";
            case "US" -> "USD";
            default -> "EUR";
        };
    }
}
