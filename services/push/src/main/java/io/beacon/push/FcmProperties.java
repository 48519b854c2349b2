package io.beacon.push;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The Firebase project Beacon sends through, and how it gets its OAuth2 access token.
 *
 * @param tokenUri            OAuth2 token endpoint taking a JWT-bearer assertion (Google: https://oauth2.googleapis.com/token)
 * @param serviceAccountFile  the service account JSON Google issues; from the environment ({@code FCM_SERVICE_ACCOUNT_FILE})
 * @param simulatorAccount    true only against the local simulator: a throw-away key generated at start, issuer
 *                            {@code clientEmail}; never with a real token endpoint
 * @param clientEmail         the issuer of the generated simulator account
 * @param readTimeout         bounds each attempt, so a hung provider costs one timeout, not the job's whole lease
 */
@Validated
@ConfigurationProperties("beacon.providers.fcm")
public record FcmProperties(
        @NotNull URI baseUrl,
        @NotBlank String projectId,
        @NotNull URI tokenUri,
        Path serviceAccountFile,
        boolean simulatorAccount,
        String clientEmail,
        @NotNull Duration connectTimeout,
        @NotNull Duration readTimeout) {

    public FcmProperties {
        // ${FCM_SERVICE_ACCOUNT_FILE:} binds as an empty path when the variable is unset
        serviceAccountFile = serviceAccountFile == null || serviceAccountFile.toString().isBlank() ? null : serviceAccountFile;
    }

    @AssertTrue(message = "set FCM_SERVICE_ACCOUNT_FILE (service-account-file) or, for the local simulator only, simulator-account=true with client-email")
    public boolean isServiceAccountConfigured() {
        return serviceAccountFile != null || (simulatorAccount && clientEmail != null && !clientEmail.isBlank());
    }

    @AssertTrue(message = "simulator-account=true cannot be used with Google's token endpoint: set FCM_SERVICE_ACCOUNT_FILE")
    public boolean isSimulatorAccountOnlyLocal() {
        return serviceAccountFile != null || !simulatorAccount || tokenUri == null || tokenUri.getHost() == null
                || !tokenUri.getHost().endsWith("googleapis.com");
    }

    public FcmServiceAccount serviceAccount() {
        return serviceAccountFile != null ? FcmServiceAccount.read(serviceAccountFile) : FcmServiceAccount.generatedForSimulator(clientEmail);
    }
}
