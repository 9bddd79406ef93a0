package dev.swarmstack.swarm.convert;

import java.util.regex.Pattern;

/** Whether a string is an IP address literal, the way Go's {@code netip.ParseAddr} accepts it. */
final class IpAddresses {

  private static final Pattern IPV4 = Pattern.compile(
      "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
  private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

  private IpAddresses() {}

  static boolean isLiteral(String text) {
    return IPV4.matcher(text).matches() || isIpv6(text);
  }

  private static boolean isIpv6(String text) {
    int zone = text.indexOf('%');
    String address = zone >= 0 ? text.substring(0, zone) : text;
    if (zone >= 0 && zone == text.length() - 1) {
      return false;
    }
    int doubleColon = address.indexOf("::");
    if (doubleColon >= 0 && address.indexOf("::", doubleColon + 1) >= 0) {
      return false;
    }
    String[] groups = address.split(":", -1);
    int counted = 0;
    for (int i = 0; i < groups.length; i++) {
      String group = groups[i];
      boolean last = i == groups.length - 1;
      if (group.isEmpty()) {
        continue; // part of "::" (checked above) or a leading/trailing one of it
      }
      if (last && group.contains(".")) {
        if (!IPV4.matcher(group).matches()) {
          return false;
        }
        counted += 2;
      } else if (HEX_GROUP.matcher(group).matches()) {
        counted++;
      } else {
        return false;
      }
    }
    boolean hasColons = groups.length > 2;
    return hasColons
        && (doubleColon >= 0 ? counted < 8 : counted == 8 && emptyGroupsOnlyInside(groups));
  }

  private static boolean emptyGroupsOnlyInside(String[] groups) {
    for (String group : groups) {
      if (group.isEmpty()) {
        return false;
      }
    }
    return true;
  }
}
