package io.beacon.email;

import jakarta.validation.constraints.AssertTrue;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.RSAPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import org.simplejavamail.utils.mail.dkim.Canonicalization;
import org.simplejavamail.utils.mail.dkim.DkimSigner;
import org.simplejavamail.utils.mail.dkim.SigningAlgorithm;

/**
 * DKIM signing of every offer email (the 2024 bulk-sender rules require it): the signing domain (d=), selector (s=),
 * and the RSA private key whose public half is published at {@code <selector>._domainkey.<domain>}.
 *
 * @param privateKeyFile PKCS#8 PEM ({@code -----BEGIN PRIVATE KEY-----}); from the environment, never in the repository
 */
public record DkimSettings(boolean enabled, String domain, String selector, Path privateKeyFile) {

    public DkimSettings {
        privateKeyFile = privateKeyFile == null || privateKeyFile.toString().isBlank() ? null : privateKeyFile;
    }

    @AssertTrue(message = "DKIM is enabled: set domain, selector and private-key-file (EMAIL_DKIM_PRIVATE_KEY_FILE)")
    public boolean isComplete() {
        return !enabled || (domain != null && !domain.isBlank() && selector != null && !selector.isBlank() && privateKeyFile != null);
    }

    /** The signer, relaxed/relaxed, rsa-sha256, covering the one-click unsubscribe headers too (Gmail asks for that). */
    public DkimSigner signer() {
        try {
            var signer = new DkimSigner(domain, selector, readKey(privateKeyFile));
            signer.setHeaderCanonicalization(Canonicalization.RELAXED);
            signer.setBodyCanonicalization(Canonicalization.RELAXED);
            signer.setSigningAlgorithm(SigningAlgorithm.SHA256_WITH_RSA);
            signer.addHeaderToSign(SmtpSender.LIST_UNSUBSCRIBE);
            signer.addHeaderToSign(SmtpSender.LIST_UNSUBSCRIBE_POST);
            // the published key is checked by receivers; a DNS look-up at start would tie start-up to DNS
            signer.setCheckDomainKey(false);
            return signer;
        } catch (Exception e) {
            throw new IllegalStateException("DKIM signer for " + selector + "._domainkey." + domain + " cannot be built: " + e.getMessage(), e);
        }
    }

    static RSAPrivateKey readKey(Path file) {
        String pem;
        try {
            pem = Files.readString(file);
        } catch (IOException e) {
            throw new IllegalArgumentException("DKIM private key file " + file + " cannot be read: " + e.getMessage(), e);
        }
        try {
            String base64 = pem.replace("-----BEGIN PRIVATE KEY-----", "").replace("-----END PRIVATE KEY-----", "").replaceAll("\\s", "");
            return (RSAPrivateKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            throw new IllegalArgumentException("DKIM private key file " + file + " is not a PKCS#8 RSA key in PEM", e);
        }
    }
}
