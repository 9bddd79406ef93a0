package dev.swarmstack.swarm.docker;

import dev.swarmstack.swarm.engine.EngineAddress;
import java.util.Optional;

/**
 * What a failed TLS handshake means, told in terms of the certificate folder that chose TLS. The JDK's messages
 * ({@code PKIX path building failed}, {@code Received fatal alert: bad_certificate}) don't say which file to fix.
 */
final class TlsFailures {

  private TlsFailures() {}

  /** An explanation to put after "the engine at ...", or empty when the failure is not a TLS one. */
  static Optional<String> explain(EngineAddress address, Throwable failure) {
    if (!address.usesTls()) {
      return Optional.empty();
    }
    String messages = messages(failure);
    if (messages.contains("PKIX path building failed")
        || messages.contains("unable to find valid certification path")) {
      return Optional.of("presented a certificate that " + address.tlsCertPath().resolve("ca.pem")
          + " did not sign: use the CA of that engine");
    }
    if (messages.contains("bad_certificate")
        || messages.contains("certificate_required")
        || messages.contains("unknown_ca")) {
      return Optional.of("refused the client certificate: " + wantsClientCertificate(address));
    }
    // JDK 17: "Unsupported or unrecognized SSL message"; older ones: "Unrecognized SSL message,
    // plaintext connection?"
    if (messages.contains("nrecognized SSL message") || messages.contains("plaintext connection")) {
      return Optional.of(
          "does not speak TLS: for a plain engine, leave out the certificates (certPath, DOCKER_TLS_VERIFY),"
              + " or start it with --tlsverify");
    }
    // TLS 1.3: the engine checks the client certificate after the client's handshake is done, so
    // the client may be writing its request when the alert and close arrive: a broken connection
    if (messages.contains("Broken pipe") || messages.contains("Connection reset")) {
      return Optional.of(
          "closed the connection after the TLS handshake, as it does when it refuses the client"
              + " certificate: " + wantsClientCertificate(address));
    }
    return Optional.empty();
  }

  private static String wantsClientCertificate(EngineAddress address) {
    return "the engine runs with --tlsverify and wants a cert.pem and key.pem signed by its CA in "
        + address.tlsCertPath();
  }

  private static String messages(Throwable failure) {
    StringBuilder all = new StringBuilder();
    for (Throwable cause = failure;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      all.append(cause.getMessage()).append('\n');
    }
    return all.toString();
  }
}
