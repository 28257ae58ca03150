package dev.orderly.sandbox;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A server certificate for a sandbox server's TLS, made with the JDK's {@code keytool}: self-signed,
 * naming {@code 127.0.0.1} and {@code localhost} (so clients may check the host too), valid for 30
 * days. Its files, in the directory given:
 * <ul>
 *   <li>{@code server-keystore.p12}: the key and certificate, PKCS12, for Java servers (Kafka);</li>
 *   <li>{@code server-cert.pem} and {@code server-key.pem} (unencrypted PKCS#8): the same in PEM, for
 *       native servers (MariaDB); the certificate is its own authority;</li>
 *   <li>{@code client-truststore.p12}: PKCS12, holding the certificate, for clients;</li>
 *   <li>{@code keytool.log}: keytool's output.</li>
 * </ul>
 * The store passwords are random.
 *
 * @param serverKeystore the server's PKCS12 keystore
 * @param serverKeystorePassword its password, also the key's
 * @param certificatePem the certificate in PEM
 * @param privateKeyPem the private key in PEM (PKCS#8, not encrypted)
 * @param clientTruststore the clients' PKCS12 truststore
 * @param clientTruststorePassword its password
 */
public record SelfSignedCertificate(Path serverKeystore, String serverKeystorePassword, Path certificatePem, Path privateKeyPem, Path clientTruststore,
                                    String clientTruststorePassword) {

    private static final Duration KEYTOOL_TIMEOUT = Duration.ofSeconds(60);
    private static final String ALIAS = "server";

    public SelfSignedCertificate {
        requireNonNull(serverKeystore, "serverKeystore is null");
        requireNonNull(serverKeystorePassword, "serverKeystorePassword is null");
        requireNonNull(certificatePem, "certificatePem is null");
        requireNonNull(privateKeyPem, "privateKeyPem is null");
        requireNonNull(clientTruststore, "clientTruststore is null");
        requireNonNull(clientTruststorePassword, "clientTruststorePassword is null");
    }

    /**
     * Makes the certificate and its files in {@code directory}, which must be empty or absent.
     *
     * @throws SandboxException when keytool fails (its output is in {@code keytool.log})
     */
    public static SelfSignedCertificate create(Path directory) {
        Path tls = FileTrees.createEmptyDirectory(directory.toAbsolutePath().normalize(), "TLS material");
        String keystorePassword = UUID.randomUUID().toString();
        String truststorePassword = UUID.randomUUID().toString();
        Path keystore = tls.resolve("server-keystore.p12");
        Path certificate = tls.resolve("server-cert.pem");
        Path key = tls.resolve("server-key.pem");
        Path truststore = tls.resolve("client-truststore.p12");
        Path log = tls.resolve("keytool.log");
        keytool(tls, log, "-genkeypair", "-alias", ALIAS, "-keyalg", "RSA", "-keysize", "2048", "-validity", "30", "-dname", "CN=localhost",
                "-ext", "SAN=IP:127.0.0.1,DNS:localhost", "-keystore", keystore.toString(), "-storetype", "PKCS12",
                "-storepass", keystorePassword, "-keypass", keystorePassword);
        keytool(tls, log, "-exportcert", "-rfc", "-alias", ALIAS, "-file", certificate.toString(), "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", keystorePassword);
        keytool(tls, log, "-importcert", "-noprompt", "-alias", ALIAS, "-file", certificate.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", truststorePassword);
        writePrivateKey(keystore, keystorePassword, key);
        return new SelfSignedCertificate(keystore, keystorePassword, certificate, key, truststore, truststorePassword);
    }

    /** keytool cannot write a private key; the JDK's KeyStore can read it, and PKCS#8 DER in Base64 is PEM. */
    private static void writePrivateKey(Path keystore, String password, Path target) {
        try (InputStream in = Files.newInputStream(keystore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            Key key = store.getKey(ALIAS, password.toCharArray());
            String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(target, pem, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the private key of " + keystore + " to " + target, e);
        } catch (GeneralSecurityException e) {
            throw new SandboxException("Could not read the private key of " + keystore + ": " + e, e);
        }
    }

    private static void keytool(Path directory, Path log, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(arguments));
        ServerProcess.runToCompletion("keytool " + arguments[0], command, Map.of(), directory, log, KEYTOOL_TIMEOUT);
    }

    @Override
    public String toString() {
        return "SelfSignedCertificate[" + certificatePem + "]";
    }
}
