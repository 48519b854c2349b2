package io.beacon.push;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Firebase project Beacon sends through, and how it gets its OAuth2 access token.
 *
 * @param tokenUri        OAuth2 token endpoint taking a JWT-bearer assertion
 * @param clientEmail     the service account; issuer of the assertion
 * @param assertionSecret HMAC key of the interim HS256 assertion (see README); from the environment
 * @param readTimeout     bounds each attempt, so a hung provider costs one timeout, not the job's whole lease
 */
@Validated
@ConfigurationProperties("beacon.providers.fcm")
public record FcmProperties(
        @NotNull URI baseUrl,
        @NotBlank String projectId,
        @NotNull URI tokenUri,
        @NotBlank String clientEmail,
        @NotBlank @Size(min = 32, message = "must be at least 32 characters: it is an HMAC key") String assertionSecret,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {
}
