package io.beacon.platform;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The caller accounts of {@code beacon.security.callers}: checks an HTTP Basic name and password against the encoded
 * password ({@code {bcrypt}...}) and grants the caller's roles.
 * <p>
 * A bcrypt check costs tens of milliseconds by design; the services call each other many times a second with the same
 * credentials. Once a caller's password has matched, a keyed digest of it (HMAC-SHA256 under a key drawn at start,
 * never stored) is kept in memory, and the same password is accepted by comparing digests. A wrong password always
 * goes through the full check.
 */
final class ServiceCallers implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ServiceCallers.class);

    /** The encodings that need nothing beyond Spring Security itself (scrypt and argon2 need Bouncy Castle). */
    private static final Set<String> ENCODINGS = Set.of("bcrypt", "pbkdf2", "pbkdf2@SpringSecurity_v5_8", "noop");
    private static final Pattern BCRYPT = Pattern.compile("\\$2[aby]?\\$\\d\\d\\$[./A-Za-z0-9]{53}");
    /** The salt of the development passwords in beacon-defaults.yml, which says what they are. */
    static final String DEVELOPMENT_MARKER = "$DEVELOPMENT.ONLY.";

    private record Account(String encodedPassword, List<GrantedAuthority> authorities) {
    }

    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final PasswordEncoder encoder = PasswordEncoderFactories.createDelegatingPasswordEncoder();
    private final Map<String, byte[]> verified = new ConcurrentHashMap<>();
    private final SecretKeySpec digestKey;

    ServiceCallers(Map<String, ServiceSecurityProperties.Caller> callers) {
        var development = new ArrayList<String>();
        callers.forEach((name, caller) -> {
            String password = caller == null ? null : caller.password();
            String where = "beacon.security.callers." + name + ".password";
            if (name.isBlank() || name.contains(":")) {
                throw new IllegalStateException("beacon.security.callers: '" + name + "' is not a caller name (no blank, no ':')");
            }
            if (password == null || password.isBlank()) {
                throw new IllegalStateException(where + " is not set: give the caller's encoded password ({bcrypt}...)");
            }
            int close = password.indexOf('}');
            String encoding = password.startsWith("{") && close > 0 ? password.substring(1, close) : null;
            if (encoding == null || !ENCODINGS.contains(encoding)) {
                throw new IllegalStateException(where + " must start with the encoding, one of {bcrypt} (recommended), {pbkdf2}, {noop}");
            }
            if (encoding.equals("bcrypt") && !BCRYPT.matcher(password.substring(close + 1)).matches()) {
                throw new IllegalStateException(where + " is not a bcrypt hash (60 characters starting $2a$, $2b$ or $2y$): "
                        + "was it cut by an interpolation of '$' (quote it in .env files)?");
            }
            if (encoding.equals("noop")) {
                log.warn("caller '{}' has a password stored in clear ({noop}); store a {bcrypt} hash instead", name);
            }
            if (password.contains(DEVELOPMENT_MARKER)) {
                development.add(name);
            }
            var authorities = new ArrayList<GrantedAuthority>();
            for (String role : caller.roles()) {
                authorities.add(new SimpleGrantedAuthority("ROLE_" + role));
            }
            accounts.put(name, new Account(password, List.copyOf(authorities)));
        });
        if (!development.isEmpty()) {
            log.warn("callers {} use the DEVELOPMENT passwords of beacon-defaults.yml, public in Beacon's repository: "
                    + "right for the embedded run only; a deployment sets BEACON_CALLER_<NAME>_PASSWORD", development);
        }
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        digestKey = new SecretKeySpec(key, "HmacSHA256");
    }

    Set<String> names() {
        return accounts.keySet();
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String name = authentication.getName();
        Account account = accounts.get(name);
        if (account == null) {
            throw new BadCredentialsException("unknown caller '" + ServiceApiProblems.printable(name) + "'");
        }
        String presented = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
        byte[] digest = digest(presented);
        byte[] known = verified.get(name);
        if (known == null || !MessageDigest.isEqual(known, digest)) {
            if (!encoder.matches(presented, account.encodedPassword())) {
                throw new BadCredentialsException("wrong password for caller '" + name + "'");
            }
            verified.put(name, digest);
        }
        return UsernamePasswordAuthenticationToken.authenticated(name, null, account.authorities());
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    private byte[] digest(String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(digestKey);
            return mac.doFinal(password.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
