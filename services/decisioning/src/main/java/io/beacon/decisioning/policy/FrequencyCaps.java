package io.beacon.decisioning.policy;

import io.beacon.contracts.ReasonCode;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Frequency caps across every journey and channel: at most {@code perDay} marketing messages a day and {@code perWeek}
 * a week per customer, counted in the customer's own calendar; and, per channel, optional caps of that channel alone
 * on top. A slot is taken with one atomic conditional update per period and counter ({@link CapCounters#take}), so two
 * journeys racing for a customer's last slot cannot both get it, on the embedded server or a replica set; a message
 * refused by one counter gives back what the others gave it.
 *
 * <p>The rule is here: which counters a message counts against, with which cap, in which order, and what a retried
 * step is answered. Where the counters are kept is {@link CapCounters}'s.
 */
public class FrequencyCaps {

    /** A channel's own caps. */
    public record Limits(int perDay, int perWeek) {
    }

    /** One counter a message counts against: its id (customer, optionally channel, and period) and its cap. */
    record Counter(String id, int cap) {
    }

    private final CapCounters counters;
    private final int perDay;
    private final int perWeek;
    private final Map<String, Limits> perChannel;

    public FrequencyCaps(CapCounters counters, int perDay, int perWeek) {
        this(counters, perDay, perWeek, Map.of());
    }

    /** @param perChannel per channel ({@code sms}, {@code push}, {@code email}): its own caps on top of the global ones */
    public FrequencyCaps(CapCounters counters, int perDay, int perWeek, Map<String, Limits> perChannel) {
        this.counters = counters;
        this.perDay = perDay;
        this.perWeek = perWeek;
        this.perChannel = Map.copyOf(perChannel);
    }

    /**
     * Takes a slot once per reservation key (a journey step): a retried job gets the answer it got the first time
     * instead of a second slot.
     */
    public Optional<ReasonCode> reserveOnce(String reservationKey, String customerId, LocalDate localDate) {
        return reserveOnce(reservationKey, customerId, null, localDate);
    }

    /**
     * As {@link #reserveOnce(String, String, LocalDate)}, counting the channel's own caps too. The slot is taken first and
     * the reservation recorded after, so a first run (nearly every run) reads nothing; a retried step finds its key taken,
     * gives back the slot it just took and answers what its first run was answered.
     */
    public Optional<ReasonCode> reserveOnce(String reservationKey, String customerId, String channel, LocalDate localDate) {
        var result = reserve(customerId, channel, localDate);
        if (counters.recordOnce(reservationKey, customerId, localDate, result.isEmpty())) {
            return result;
        }
        if (result.isEmpty()) {
            release(customerId, channel, localDate);
        }
        return counters.granted(reservationKey) ? Optional.empty() : Optional.of(ReasonCode.FREQUENCY_CAP);
    }

    /**
     * Takes a slot for a message on {@code localDate} (the customer's date of the planned send), global caps only.
     *
     * @return empty when taken, or FREQUENCY_CAP when the day or the week is full
     */
    public Optional<ReasonCode> reserve(String customerId, LocalDate localDate) {
        return reserve(customerId, null, localDate);
    }

    /**
     * Takes a slot of the global caps and, when the channel has caps of its own, of the channel's: the week, then the
     * day, globally, then for the channel. A full counter refuses the message and every slot already taken for it is
     * given back.
     *
     * @return empty when taken, or FREQUENCY_CAP when a day or week, global or of the channel, is full
     */
    public Optional<ReasonCode> reserve(String customerId, String channel, LocalDate localDate) {
        var taken = new ArrayList<String>();
        for (var counter : countersOf(customerId, channel, localDate)) {
            // a cap of 0 closes the period: nothing to take, no write
            if (counter.cap() <= 0 || !counters.take(counter.id(), counter.cap())) {
                taken.forEach(counters::giveBack);
                return Optional.of(ReasonCode.FREQUENCY_CAP);
            }
            taken.add(counter.id());
        }
        return Optional.empty();
    }

    /** Gives a slot back, global and of the channel, when the message it was taken for is not sent after all. */
    public void release(String customerId, String channel, LocalDate localDate) {
        for (var counter : countersOf(customerId, channel, localDate)) {
            counters.giveBack(counter.id());
        }
    }

    /** The counters a message counts against, in the order they are taken. */
    List<Counter> countersOf(String customerId, String channel, LocalDate localDate) {
        String week = localDate.get(IsoFields.WEEK_BASED_YEAR) + "-W" + localDate.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        var list = new ArrayList<Counter>();
        list.add(new Counter(customerId + "|" + week, perWeek));
        list.add(new Counter(customerId + "|" + localDate, perDay));
        var own = channel == null ? null : perChannel.get(channel);
        if (own != null) {
            list.add(new Counter(customerId + "|" + channel + "|" + week, own.perWeek()));
            list.add(new Counter(customerId + "|" + channel + "|" + localDate, own.perDay()));
        }
        return list;
    }
}
