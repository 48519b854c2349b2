package io.beacon.console;

import io.beacon.console.access.ConsoleRole;
import io.beacon.console.access.CustomerAccess;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.ModelAndView;

/** The sign-in page, and the start page each role lands on. */
@Controller
class HomeController {

    private final boolean oidc;

    HomeController(ObjectProvider<ClientRegistrationRepository> oidc) {
        this.oidc = oidc.getIfAvailable() != null;
    }

    @GetMapping("/login")
    ModelAndView login() {
        return new ModelAndView("login", java.util.Map.of("oidc", oidc));
    }

    @GetMapping("/")
    String home(Authentication user) {
        if (CustomerAccess.has(user, ConsoleRole.RM)) {
            return "redirect:/reviews";
        }
        if (CustomerAccess.has(user, ConsoleRole.OFFER_CHECKER)) {
            return "redirect:/reviews/checks";
        }
        if (CustomerAccess.has(user, ConsoleRole.MARKETING_OPS) || CustomerAccess.has(user, ConsoleRole.ADMIN)) {
            return "redirect:/ops";
        }
        if (CustomerAccess.has(user, ConsoleRole.COMPLIANCE)) {
            return "redirect:/compliance";
        }
        return "redirect:/login?error";
    }
}
