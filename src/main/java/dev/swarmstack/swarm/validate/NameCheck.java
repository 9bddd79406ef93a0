package dev.swarmstack.swarm.validate;

import dev.swarmstack.swarm.model.FileObject;
import dev.swarmstack.swarm.model.Network;
import dev.swarmstack.swarm.model.Volume;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Names the engine would refuse. Services and networks are DNS name components in swarmkit (letters, digits,
 * {@code -} and {@code _} inside, at most 63 characters); secrets and configs may also hold dots (at most 64);
 * local volumes allow {@code [a-zA-Z0-9][a-zA-Z0-9_.-]+}. Objects the stack doesn't create (external) are
 * not checked: they already exist under their name.
 *
 * <p>A volume's name is a mount source, which the swarm expands for each task ({@code {{.Service.Name}}-{{.Task.Slot}}}
 * becomes {@code shop_db-1}) before the node creates the volume: it is checked as it will read then, with each
 * placeholder standing for a value made of name characters.
 */
final class NameCheck implements Check {

  private static final Pattern DNS_NAME = Pattern.compile("[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*");
  private static final int DNS_NAME_MAX = 63;
  private static final Pattern SECRET_NAME =
      Pattern.compile("[a-zA-Z0-9]+(?:[a-zA-Z0-9-_.]*[a-zA-Z0-9])?");
  private static final int SECRET_NAME_MAX = 64;
  private static final Pattern VOLUME_NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{.*?}}");

  private record Rule(Pattern pattern, int maxLength, String allowed) {

    boolean accepts(String name) {
      return name.length() <= maxLength && pattern.matcher(name).matches();
    }
  }

  private static final Rule SERVICE_OR_NETWORK = new Rule(
      DNS_NAME,
      DNS_NAME_MAX,
      "letters, digits, '-' and '_' (not first or last), at most " + DNS_NAME_MAX + " characters");
  private static final Rule SECRET_OR_CONFIG = new Rule(
      SECRET_NAME,
      SECRET_NAME_MAX,
      "letters, digits, '-', '_' and '.' (not first or last), at most " + SECRET_NAME_MAX
          + " characters");
  private static final Rule VOLUME = new Rule(
      VOLUME_NAME,
      Integer.MAX_VALUE,
      "at least 2 characters: letters, digits, '_', '.' and '-', starting with a letter or digit");

  @Override
  public void run(Findings findings) {
    String stack = findings.stackName();
    if (stack == null || !SERVICE_OR_NETWORK.accepts(stack)) {
      findings.error("invalid stack name '" + stack
          + "': it prefixes every service and network name, so it may" + " only use "
          + SERVICE_OR_NETWORK.allowed() + "; choose another stack name");
      return; // every prefixed name below would be reported again for the same cause
    }
    findings
        .compose()
        .servicesOrEmpty()
        .keySet()
        .forEach(key ->
            check(findings, SERVICE_OR_NETWORK, "service", stack + "_" + key, "services", key));
    for (Map.Entry<String, Network> network :
        findings.compose().networksOrEmpty().entrySet()) {
      Network n = network.getValue();
      if (n != null && !Boolean.TRUE.equals(n.external())) {
        check(
            findings,
            SERVICE_OR_NETWORK,
            "network",
            ObjectNames.effective(stack, network.getKey(), n.name(), false),
            "networks",
            network.getKey());
      }
    }
    for (Map.Entry<String, Volume> volume : findings.compose().volumesOrEmpty().entrySet()) {
      Volume v = volume.getValue();
      if (v == null || !Boolean.TRUE.equals(v.external())) {
        String name =
            ObjectNames.effective(stack, volume.getKey(), v == null ? null : v.name(), false);
        checkExpanded(
            findings,
            VOLUME,
            "volume",
            PLACEHOLDER.matcher(name).replaceAll("x1"),
            name,
            "volumes",
            volume.getKey());
      }
    }
    checkFileObjects(findings, "secret", "secrets", findings.compose().secretsOrEmpty());
    checkFileObjects(findings, "config", "configs", findings.compose().configsOrEmpty());
  }

  private static void checkFileObjects(
      Findings findings, String kind, String section, Map<String, FileObject> objects) {
    for (Map.Entry<String, FileObject> object : objects.entrySet()) {
      FileObject o = object.getValue();
      if (o != null && !Boolean.TRUE.equals(o.external())) {
        check(
            findings,
            SECRET_OR_CONFIG,
            kind,
            ObjectNames.effective(findings.stackName(), object.getKey(), o.name(), false),
            section,
            object.getKey());
      }
    }
  }

  private static void check(
      Findings findings, Rule rule, String kind, String name, Object... path) {
    checkExpanded(findings, rule, kind, name, name, path);
  }

  /** @param expanded the name as the engine will see it; {@code name} as written, for the message */
  private static void checkExpanded(
      Findings findings, Rule rule, String kind, String expanded, String name, Object... path) {
    if (!rule.accepts(expanded)) {
      findings.error(
          "invalid " + kind + " name '" + name + "': the engine allows only " + rule.allowed()
              + "; rename the " + kind + (kind.equals("service") ? "" : " or set its 'name'"),
          path);
    }
  }
}
