package io.beacon.platform;

import io.beacon.contracts.Json;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

/**
 * A refused call answered as {@code application/problem+json} that says what is missing, and logged as one audit line:
 * method, path, remote address and why (no credentials, an unknown caller, a wrong password), never a password or a
 * header value.
 */
final class ServiceApiProblems implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger audit = LoggerFactory.getLogger(ServiceApiProblems.class);

    static final String REALM = "beacon";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException refused) throws IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String why = authorization == null ? "no credentials"
                : !basic ? "an Authorization header of another scheme than Basic"
                : refused instanceof BadCredentialsException ? printable(refused.getMessage())
                : "credentials not accepted (" + refused.getClass().getSimpleName() + ")";
        audit.warn("refused {} {} from {}: {}", request.getMethod(), printable(request.getRequestURI()), request.getRemoteAddr(), why);
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\", charset=\"UTF-8\"");
        String detail = authorization == null
                ? "This API requires an authenticated caller: send the HTTP Basic credentials of a Beacon caller account "
                + "(beacon.security.callers). None were sent."
                : !basic ? "This API takes the HTTP Basic credentials of a Beacon caller account (beacon.security.callers); "
                + "the Authorization header sent is of another scheme."
                : "The HTTP Basic credentials sent were refused: an unknown caller or a wrong password "
                + "(accounts: beacon.security.callers).";
        write(response, request, HttpServletResponse.SC_UNAUTHORIZED, "Unauthorized", "https://beacon.example/problems/unauthenticated", detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied) throws IOException {
        var caller = SecurityContextHolder.getContext().getAuthentication();
        String name = caller == null ? "?" : printable(caller.getName());
        audit.warn("refused {} {} from {}: caller '{}' lacks the role this path needs", request.getMethod(),
                printable(request.getRequestURI()), request.getRemoteAddr(), name);
        write(response, request, HttpServletResponse.SC_FORBIDDEN, "Forbidden", "https://beacon.example/problems/forbidden",
                "Caller '" + name + "' is authenticated but may not call this path: it lacks the role the path needs.");
    }

    private static void write(HttpServletResponse response, HttpServletRequest request, int status, String title, String type,
                              String detail) throws IOException {
        var problem = new LinkedHashMap<String, Object>();
        problem.put("type", type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("instance", request.getRequestURI());
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write(Json.mapper().writeValueAsString(problem));
    }

    /** What a caller sent, fit for one log line: control characters replaced, at most 100 characters. */
    static String printable(String text) {
        if (text == null) {
            return "";
        }
        var out = new StringBuilder(Math.min(text.length(), 100));
        for (int i = 0; i < text.length() && out.length() < 100; i++) {
            char c = text.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }
}
