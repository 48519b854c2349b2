package io.beacon.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.beacon.contracts.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

class ServiceApiProblemsTest {

    private final ServiceApiProblems problems = new ServiceApiProblems();

    @AfterEach
    void clear() {
        SecurityContextHolder.clearContext();
    }

    @Test
    void aCallerWithoutTheRoleAPathNeedsGetsA403ProblemNamingIt() throws Exception {
        SecurityContextHolder.getContext().setAuthentication(UsernamePasswordAuthenticationToken.authenticated("decisioning", null, java.util.List.of()));
        var request = new MockHttpServletRequest("GET", "/api/profiles/C1/contact-points");
        var response = new MockHttpServletResponse();

        problems.handle(request, response, new AccessDeniedException("denied"));

        assertThat(response.getStatus()).isEqualTo(403);
        assertThat(response.getContentType()).startsWith("application/problem+json");
        var problem = Json.mapper().readTree(response.getContentAsString());
        assertThat(problem.get("detail").asText()).contains("Caller 'decisioning'", "lacks the role");
        assertThat(problem.get("instance").asText()).isEqualTo("/api/profiles/C1/contact-points");
    }

    @Test
    void anUnreadableBasicHeaderIsRefusedAsCredentials() throws Exception {
        var request = new MockHttpServletRequest("POST", "/api/events");
        request.addHeader("Authorization", "Basic %%%");
        var response = new MockHttpServletResponse();

        problems.commence(request, response, new BadCredentialsException("Failed to decode basic authentication token"));

        assertThat(response.getStatus()).isEqualTo(401);
        assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"beacon\", charset=\"UTF-8\"");
        assertThat(Json.mapper().readTree(response.getContentAsString()).get("detail").asText()).contains("were refused");
    }

    @Test
    void whatACallerSentIsLoggedOnOneLine() {
        assertThat(ServiceApiProblems.printable("mallory\r\nrefused GET /x from 1.2.3.4: nothing")).doesNotContain("\n", "\r")
                .startsWith("mallory??refused");
        assertThat(ServiceApiProblems.printable("x".repeat(500))).hasSize(100);
    }
}
