package io.beacon.email;

import io.beacon.contracts.OutcomeType;
import io.beacon.delivery.DeliveryLedger;
import io.beacon.delivery.Receipts;
import java.util.Base64;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where an email's pixel and link arrive: OPENED and CLICKED on beacon.offers (deterministic event ids, so a second
 * open is the same event). A forged token records nothing: the pixel is served all the same (a mail client learns
 * nothing), the click gets 404 rather than a redirect to anywhere (no open redirect).
 */
@RestController
class TrackingController {

    private static final byte[] PIXEL = Base64.getDecoder().decode("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7");

    private final EmailTracking tracking;
    private final DeliveryLedger ledger;
    private final Receipts receipts;

    TrackingController(EmailTracking tracking, DeliveryLedger ledger, Receipts receipts) {
        this.tracking = tracking;
        this.ledger = ledger;
        this.receipts = receipts;
    }

    @GetMapping("/t/o/{token}.gif")
    ResponseEntity<byte[]> opened(@PathVariable String token) {
        tracking.keyOf(token).ifPresent(key -> receipts.record(key, OutcomeType.OPENED, null, null, null, null));
        return ResponseEntity.ok().contentType(MediaType.IMAGE_GIF).cacheControl(CacheControl.noStore()).body(PIXEL);
    }

    @GetMapping("/t/c/{token}")
    ResponseEntity<Void> clicked(@PathVariable String token) {
        var send = tracking.keyOf(token).flatMap(ledger::request);
        if (send.isEmpty()) {
            return ResponseEntity.status(HttpStatus.NOT_FOUND).build();
        }
        receipts.record(send.get().idempotencyKey(), OutcomeType.CLICKED, null, null, null, null);
        return ResponseEntity.status(HttpStatus.FOUND)
                .header(HttpHeaders.LOCATION, tracking.offerUrl(send.get().productCode()).toString()).build();
    }
}
