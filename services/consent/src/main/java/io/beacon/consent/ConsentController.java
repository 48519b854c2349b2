package io.beacon.consent;

import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class ConsentController {

    private final ConsentLedger ledger;

    ConsentController(ConsentLedger ledger) {
        this.ledger = ledger;
    }

    /** May Beacon contact this customer on this channel for this purpose, right now? */
    @GetMapping("/api/consents/{customerId}/check")
    ResponseEntity<?> check(@PathVariable String customerId, @RequestParam String channel,
                            @RequestParam(defaultValue = "marketing") String purpose) {
        if (!ConsentLedger.CHANNELS.contains(channel) || !ConsentLedger.PURPOSES.contains(purpose)) {
            return ResponseEntity.badRequest().body(ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                    "unknown channel '" + channel + "' or purpose '" + purpose + "'; channels: sms, push, email; purposes: marketing, profiling"));
        }
        var decision = ledger.check(customerId, channel, purpose);
        var body = new java.util.LinkedHashMap<String, Object>();
        body.put("allowed", decision.allowed());
        body.put("reason", decision.reason() == null ? null : decision.reason().name());
        return ResponseEntity.ok(body);
    }

    @GetMapping("/api/consents/{customerId}")
    ResponseEntity<Map<String, Object>> current(@PathVariable String customerId) {
        var consent = ledger.current(customerId);
        return consent == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(consent);
    }
}
