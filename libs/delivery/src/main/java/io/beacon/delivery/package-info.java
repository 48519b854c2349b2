/**
 * What the channel senders (sms, email, push) share: the exactly-once send ({@link io.beacon.delivery.ExactlyOnceDelivery})
 * with its delivery ledger, the consent and profiles clients, the provider exceptions and call guard, and the Zeebe job
 * handler that drives a {@link io.beacon.delivery.ChannelDelivery}. A sender adds only its provider client, its message
 * and the few steps that differ by channel.
 */
package io.beacon.delivery;
