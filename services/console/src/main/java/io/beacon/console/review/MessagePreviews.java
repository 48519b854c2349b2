package io.beacon.console.review;

import io.beacon.console.customer.CustomerSummary;
import io.beacon.console.services.BeaconServices;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The offer's message per channel as the customer would get it (their language, their name unless they refused
 * profiling), rendered by each channel service's own templates; a sample contact point, never theirs.
 */
final class MessagePreviews {

    private MessagePreviews() {
    }

    /** One channel's message: a title (email subject, push title) and the text, or why there is none. */
    record Preview(String channel, String title, String body, String problem) {

        @SuppressWarnings("unchecked")
        static Preview of(String channel, Map<String, Object> answer) {
            Map<String, Object> parts = answer.get("parts") instanceof Map<?, ?> p ? (Map<String, Object>) p : Map.of();
            Object title = answer.containsKey("subject") ? answer.get("subject") : parts.get("title");
            Object body = answer.containsKey("text") ? answer.get("text") : parts.containsKey("body") ? parts.get("body")
                    : String.join("\n", parts.values().stream().map(String::valueOf).toList());
            return new Preview(channel, title == null ? null : title.toString(), body == null ? null : body.toString(), null);
        }
    }

    static java.util.List<Preview> of(BeaconServices services, String productCode, CustomerSummary customer) {
        var previews = new java.util.ArrayList<Preview>();
        for (String channel : new String[] {"sms", "push", "email"}) {
            var request = new LinkedHashMap<String, Object>();
            request.put("productCode", productCode);
            request.put("locale", customer.language() == null ? "en" : customer.language());
            request.put("firstName", customer.firstName());
            request.put("personalised", !customer.noProfiling());
            try {
                var answer = services.send(channel, "POST", "/api/templates/preview", request);
                previews.add(answer.status().is2xxSuccessful() ? Preview.of(channel, answer.json())
                        : new Preview(channel, null, null, String.valueOf(answer.json().getOrDefault("message", answer.status().toString()))));
            } catch (BeaconServices.Unavailable e) {
                previews.add(new Preview(channel, null, null, e.getMessage()));
            }
        }
        return previews;
    }
}
