package io.beacon.push;

import io.beacon.delivery.Channel;
import io.beacon.delivery.DeliveryRequest;

/** Fixtures: the job a journey would hand to the push worker. */
final class Requests {

    private Requests() {
    }

    static DeliveryRequest salaryCreditedOffer() {
        return new DeliveryRequest(Channel.PUSH, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685249", "Task_SendPushOffer", "evt-0001", "dec-0001");
    }

    static DeliveryRequest travelOffer() {
        return new DeliveryRequest(Channel.PUSH, "C-1001", "TRAVEL_CARD", "SpendAbroad", "journey_spend_abroad",
                "2251799813685999", "Task_SendPushOffer", "evt-0002", "dec-0002");
    }
}
