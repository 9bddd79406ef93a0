package dev.swarmstack.swarm.capacity;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 block in CIDR form ({@code 10.20.0.0/22}), with its addresses as numbers so that sizes and
 * containment are plain arithmetic.
 *
 * @param network the block's first address
 * @param prefix the number of fixed leading bits
 * @param bits 32 for IPv4, 128 for IPv6
 */
public record Cidr(BigInteger network, int prefix, int bits) {

  /** Only literals: {@link InetAddress#getByName} would look anything else up in DNS. */
  private static final Pattern LITERAL = Pattern.compile("[0-9a-fA-F:.]+");

  /**
   * @param text {@code address/prefix}; host bits are dropped, as the engine drops them
   * @throws IllegalArgumentException when {@code text} is not an IP address with a prefix length
   */
  public static Cidr parse(String text) {
    int slash = text.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not in CIDR form (address/prefix): " + text);
    }
    BigInteger address = address(text.substring(0, slash));
    int bits = text.indexOf(':') >= 0 ? 128 : 32;
    int prefix;
    try {
      prefix = Integer.parseInt(text.substring(slash + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("not a prefix length: " + text, e);
    }
    if (prefix < 0 || prefix > bits) {
      throw new IllegalArgumentException("prefix length out of range: " + text);
    }
    return new Cidr(address.shiftRight(bits - prefix).shiftLeft(bits - prefix), prefix, bits);
  }

  /** An address literal as a number. */
  public static BigInteger address(String literal) {
    if (!LITERAL.matcher(literal).matches()) {
      throw new IllegalArgumentException("not an IP address: " + literal);
    }
    try {
      return new BigInteger(1, InetAddress.getByName(literal).getAddress());
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("not an IP address: " + literal, e);
    }
  }

  public boolean isIpv4() {
    return bits == 32;
  }

  public BigInteger size() {
    return BigInteger.ONE.shiftLeft(bits - prefix);
  }

  /** The block's last address: the broadcast address of an IPv4 subnet. */
  public BigInteger last() {
    return network.add(size()).subtract(BigInteger.ONE);
  }

  public boolean contains(BigInteger address) {
    return address.compareTo(network) >= 0 && address.compareTo(last()) <= 0;
  }

  /** The block of {@code newPrefix} bits that contains this one's first address. */
  public Cidr withPrefix(int newPrefix) {
    return new Cidr(
        network.shiftRight(bits - newPrefix).shiftLeft(bits - newPrefix), newPrefix, bits);
  }

  @Override
  public String toString() {
    byte[] raw = network.toByteArray();
    byte[] bytes = new byte[bits / 8];
    // toByteArray may add a sign byte or drop leading zeros: right-align into the address width
    int copy = Math.min(raw.length, bytes.length);
    System.arraycopy(raw, raw.length - copy, bytes, bytes.length - copy, copy);
    try {
      return InetAddress.getByAddress(bytes).getHostAddress() + "/" + prefix;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(
          "an address of " + bytes.length + " bytes is always valid", e);
    }
  }
}
