package io.beacon.email;

import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;

/** Fixtures: the job a journey would hand to the email worker. */
final class Requests {

    private Requests() {
    }

    static DeliveryRequest salaryCreditedOffer() {
        return new DeliveryRequest(Channel.EMAIL, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685249", "Task_SendEmailOffer", "evt-0001", "dec-0001");
    }
}
