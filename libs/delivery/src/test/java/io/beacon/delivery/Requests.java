package io.beacon.delivery;

/** Fixtures: the job a journey would hand to the SMS worker. */
final class Requests {

    private Requests() {
    }

    static DeliveryRequest salaryCreditedOffer() {
        return new DeliveryRequest(Channel.SMS, "C-1001", "TERM_DEPOSIT_12M", "SalaryCredited", "journey_salary_credited",
                "2251799813685249", "Task_SendSmsOffer", "evt-0001", "dec-0001");
    }
}
