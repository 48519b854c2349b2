package io.beacon.console.access;

import io.beacon.console.services.BeaconServices;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * An RM sees only the customers in their own book: the profile's {@code relationshipManager} is the RM's user name.
 * Checked on the server for every customer or offer an RM opens, not only by what the pages link to. Compliance and
 * admins see every customer; marketing ops see none (they work with aggregates).
 */
public class CustomerAccess {

    private final BeaconServices services;
    private final AuditLog audit;

    public CustomerAccess(BeaconServices services, AuditLog audit) {
        this.services = services;
        this.audit = audit;
    }

    /** The customer's profile when the user may see them; refuses (and audits) otherwise. */
    public Map<String, Object> profile(Authentication user, String customerId) {
        Optional<Map<String, Object>> profile = services.object("profiles", "/api/profiles/{id}", customerId);
        if (has(user, ConsoleRole.ADMIN) || has(user, ConsoleRole.COMPLIANCE)) {
            return profile.orElse(Map.of("customerId", customerId));
        }
        if (has(user, ConsoleRole.RM) && profile.isPresent() && user.getName().equals(profile.get().get("relationshipManager"))) {
            return profile.get();
        }
        audit.record(user.getName(), "open-customer", "customer", customerId, "FORBIDDEN", "not in the user's book");
        throw new AccessDeniedException("customer " + customerId + " is not in your book");
    }

    /**
     * The customer of an offer waiting for a checker's approval (ADR 0028): checkers are not tied to a book, they see
     * the customer of the offer they check (masked on the page, as for an RM). The caller has established that the
     * offer waits for this user's check.
     */
    public Map<String, Object> profileToCheck(Authentication user, String customerId) {
        if (!has(user, ConsoleRole.OFFER_CHECKER) && !has(user, ConsoleRole.ADMIN)) {
            audit.record(user.getName(), "open-customer", "customer", customerId, "FORBIDDEN", "not a checker");
            throw new AccessDeniedException("customer " + customerId + " is not yours to see");
        }
        return services.object("profiles", "/api/profiles/{id}", customerId).orElse(Map.of("customerId", customerId));
    }

    /** Whether the user may act for an offer whose customer is in the given RM's book. */
    public boolean inBook(Authentication user, String relationshipManager) {
        return has(user, ConsoleRole.ADMIN) || (has(user, ConsoleRole.RM) && user.getName().equals(relationshipManager));
    }

    public static boolean has(Authentication user, ConsoleRole role) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }
}
