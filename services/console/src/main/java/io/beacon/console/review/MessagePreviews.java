package io.beacon.console.review;

import io.beacon.console.customer.CustomerSummary;
import io.beacon.console.services.ConsoleApis;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.channels.RenderedTemplate;
import io.beacon.contracts.api.channels.TemplatePreviewRequest;
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

        static Preview of(String channel, RenderedTemplate answer) {
            Map<String, String> parts = answer.parts() == null ? Map.of() : answer.parts();
            String title = answer.subject() != null ? answer.subject() : parts.get("title");
            String body = answer.text() != null ? answer.text() : parts.containsKey("body") ? parts.get("body")
                    : String.join("\n", parts.values());
            return new Preview(channel, title, body, null);
        }
    }

    static java.util.List<Preview> of(ConsoleApis.Channels channels, String productCode, CustomerSummary customer) {
        var previews = new java.util.ArrayList<Preview>();
        var request = new TemplatePreviewRequest(productCode, customer.language() == null ? "en" : customer.language(), !customer.noProfiling(),
                customer.firstName(), null);
        for (String channel : ConsoleApis.CHANNELS) {
            try {
                previews.add(Preview.of(channel, channels.preview(channel).preview(request)));
            } catch (ApiProblem.Unavailable e) {
                previews.add(new Preview(channel, null, null, "the " + channel + " service did not answer: " + e.getMessage()));
            } catch (ApiProblem refused) {
                previews.add(new Preview(channel, null, null, refused.errors().isEmpty() ? refused.detail() : refused.errors().getFirst().message()));
            }
        }
        return previews;
    }
}
