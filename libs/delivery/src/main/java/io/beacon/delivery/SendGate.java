package io.beacon.delivery;

import io.github.resilience4j.core.functions.CheckedSupplier;
import java.util.function.Supplier;

/**
 * The opt-out fence around every provider attempt (ADR 0015). {@link ExactlyOnceDelivery} opens a gate for the one send
 * it is making; {@link ProviderGuard#send} passes each attempt through it, innermost but for the circuit breaker, so
 * after the rate limiter and bulkhead have let it go: the gate takes a send lease at the consent service (which
 * re-checks consent after recording the lease), the attempt runs, and the lease is given back whatever happened. The
 * consent service acknowledges a withdrawal only once no lease of that customer and channel is open, so no provider
 * request of a send starts after an opt-out was acknowledged, and none started before is still running when it is.
 * <p>
 * The gate travels with the thread that runs the hand-over (a thread-local for the duration of
 * {@link #around}): Resilience4j's retry, rate limiter and bulkhead all run the attempt on the caller's thread, and the
 * senders' provider calls are synchronous. A provider call that does not go through {@link ProviderGuard#send} is not
 * fenced; {@link ExactlyOnceDelivery} logs an error when a hand-over succeeded without passing its gate.
 */
public final class SendGate {

    /** Opens a lease for one attempt, or throws {@link SendRefusedException} / {@link DeliveryDeferredException}. */
    @FunctionalInterface
    public interface Gate {
        Lease open();
    }

    /** Held for the duration of one provider attempt. */
    @FunctionalInterface
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Gate> CURRENT = new ThreadLocal<>();

    private SendGate() {
    }

    /** Runs the hand-over with this gate around each provider attempt it makes on this thread. */
    public static <T> T around(Gate gate, Supplier<T> handOver) {
        Gate outer = CURRENT.get();
        CURRENT.set(gate);
        try {
            return handOver.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** One provider attempt, inside a lease when a gate is open on this thread. */
    static <T> T pass(CheckedSupplier<T> attempt) throws Throwable {
        Gate gate = CURRENT.get();
        if (gate == null) {
            return attempt.get();
        }
        try (Lease lease = gate.open()) {
            return attempt.get();
        }
    }
}
