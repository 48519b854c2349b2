package io.beacon.platform;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import com.google.crypto.tink.prf.PredefinedPrfParameters;
import com.google.crypto.tink.prf.PrfConfig;
import java.security.GeneralSecurityException;

/** Fresh Tink keysets for tests: no test depends on the development keys of beacon-defaults.yml. */
public final class TestKeys {

    private TestKeys() {
    }

    public static String contactPointsKeyset() {
        return generate(true);
    }

    public static String blindIndexKeyset() {
        return generate(false);
    }

    public static ContactPointProtection protection() {
        return ContactPointProtection.fromKeysets(contactPointsKeyset(), blindIndexKeyset());
    }

    private static String generate(boolean aead) {
        try {
            AeadConfig.register();
            PrfConfig.register();
            KeysetHandle keys = KeysetHandle.generateNew(aead ? PredefinedAeadParameters.AES256_GCM : PredefinedPrfParameters.HMAC_SHA256_PRF);
            return TinkJsonProtoKeysetFormat.serializeKeyset(keys, InsecureSecretKeyAccess.get());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
