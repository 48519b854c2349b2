package io.beacon.console.access;

import io.beacon.contracts.ProfileSnapshot;
import io.beacon.contracts.api.ApiProblem;
import io.beacon.contracts.api.profiles.ProfilesApi;
import java.util.Optional;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;

/**
 * An RM sees only the customers in their own book: the profile's {@code relationshipManager} is the RM's user name.
 * Checked on the server for every customer or offer an RM opens, not only by what the pages link to. Compliance and
 * admins see every customer; marketing ops see none (they work with aggregates).
 */
public class CustomerAccess {

    private final ProfilesApi profiles;
    private final AuditLog audit;

    public CustomerAccess(ProfilesApi profiles, AuditLog audit) {
        this.profiles = profiles;
        this.audit = audit;
    }

    /**
     * The customer's profile when the user may see them; refuses (and audits) otherwise. Empty for a customer profiles
     * does not know, whom only compliance and admins may open.
     */
    public Optional<ProfileSnapshot> profile(Authentication user, String customerId) {
        Optional<ProfileSnapshot> profile = find(customerId);
        if (has(user, ConsoleRole.ADMIN) || has(user, ConsoleRole.COMPLIANCE)) {
            return profile;
        }
        if (has(user, ConsoleRole.RM) && profile.isPresent() && user.getName().equals(profile.get().relationshipManager())) {
            return profile;
        }
        audit.record(user.getName(), "open-customer", "customer", customerId, "FORBIDDEN", "not in the user's book");
        throw new AccessDeniedException("customer " + customerId + " is not in your book");
    }

    /**
     * The customer of an offer waiting for a checker's approval (ADR 0028): checkers are not tied to a book, they see
     * the customer of the offer they check (masked on the page, as for an RM). The caller has established that the
     * offer waits for this user's check. Empty for a customer profiles does not know.
     */
    public Optional<ProfileSnapshot> profileToCheck(Authentication user, String customerId) {
        if (!has(user, ConsoleRole.OFFER_CHECKER) && !has(user, ConsoleRole.ADMIN)) {
            audit.record(user.getName(), "open-customer", "customer", customerId, "FORBIDDEN", "not a checker");
            throw new AccessDeniedException("customer " + customerId + " is not yours to see");
        }
        return find(customerId);
    }

    private Optional<ProfileSnapshot> find(String customerId) {
        try {
            return Optional.of(profiles.profile(customerId));
        } catch (ApiProblem.NotFound unknown) {
            return Optional.empty();
        }
    }

    /** Whether the user may act for an offer whose customer is in the given RM's book. */
    public boolean inBook(Authentication user, String relationshipManager) {
        return has(user, ConsoleRole.ADMIN) || (has(user, ConsoleRole.RM) && user.getName().equals(relationshipManager));
    }

    public static boolean has(Authentication user, ConsoleRole role) {
        return user != null && user.getAuthorities().stream().anyMatch(a -> a.getAuthority().equals(role.authority()));
    }
}
