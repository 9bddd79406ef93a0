package dev.swarmstack.swarm.model;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An image reference read as the docker CLI's client reads it before it sends a service spec: the grammar of
 * distribution's {@code reference} package, normalised ({@code redis} is {@code docker.io/library/redis}) and
 * written back in the familiar form ({@code redis:latest}). Where the CLI can't parse a name it sends it as written,
 * and so does the plugin.
 *
 * @param domain the registry, {@code docker.io} for Docker Hub; null where the grammar read the whole name as a path
 * @param path the repository path, {@code library/redis} for an official image
 * @param tag the tag, or null
 * @param digest the digest ({@code sha256:…}), or null
 */
public record ImageReference(String domain, String path, String tag, String digest) {

  private static final String DOCKER_HUB = "docker.io";
  private static final String LEGACY_DOCKER_HUB = "index.docker.io";
  private static final String OFFICIAL_PREFIX = "library/";
  private static final int NAME_MAX_LENGTH = 255;

  private static final String PATH_COMPONENT = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
  private static final String DOMAIN_COMPONENT =
      "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_COMPONENT + "(?:\\." + DOMAIN_COMPONENT
      + ")*|\\[[a-fA-F0-9:]+\\])" + "(?::[0-9]+)?";
  private static final Pattern REFERENCE = Pattern.compile(
      "(?<name>(?:(?<domain>" + DOMAIN + ")/)?(?<path>"
          + PATH_COMPONENT + "(?:/" + PATH_COMPONENT + ")*))(?::(?<tag>[\\w][\\w.-]{0,127}))?"
          + "(?:@(?<digest>[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}))?");
  /** A bare 64-hex string is an image id, which the CLI refuses as a name. */
  private static final Pattern IMAGE_ID = Pattern.compile("[a-f0-9]{64}");
  /** The digest algorithms the CLI's go-digest knows, with their length in hex digits. */
  private static final Pattern KNOWN_DIGEST =
      Pattern.compile("sha256:[a-f0-9]{64}|sha384:[a-f0-9]{96}|sha512:[a-f0-9]{128}");

  /** The reference, normalised, or empty where the CLI's client fails to parse it (and so sends it unchanged). */
  public static Optional<ImageReference> parseNormalized(String image) {
    if (image == null || IMAGE_ID.matcher(image).matches()) {
      return Optional.empty();
    }
    int slash = image.indexOf('/');
    String first = slash < 0 ? "" : image.substring(0, slash);
    boolean hasDomain = slash >= 0
        && (first.contains(".")
            || first.contains(":")
            || first.equals("localhost")
            || !first.toLowerCase(Locale.ROOT).equals(first));
    String domain = hasDomain ? first : DOCKER_HUB;
    String remainder = hasDomain ? image.substring(slash + 1) : image;
    if (domain.equals(LEGACY_DOCKER_HUB)) {
      domain = DOCKER_HUB;
    }
    if (domain.equals(DOCKER_HUB) && remainder.indexOf('/') < 0) {
      remainder = OFFICIAL_PREFIX + remainder;
    }
    int colon = remainder.indexOf(':');
    String remoteName = colon < 0 ? remainder : remainder.substring(0, colon);
    if (!remoteName.toLowerCase(Locale.ROOT).equals(remoteName)) {
      return Optional.empty();
    }
    Matcher matcher = REFERENCE.matcher(domain + "/" + remainder);
    if (!matcher.matches() || matcher.group("name").length() > NAME_MAX_LENGTH) {
      return Optional.empty();
    }
    String digest = matcher.group("digest");
    if (digest != null && !KNOWN_DIGEST.matcher(digest).matches()) {
      return Optional.empty();
    }
    return Optional.of(new ImageReference(
        matcher.group("domain"), matcher.group("path"), matcher.group("tag"), digest));
  }

  /**
   * Why {@code docker stack deploy} refuses {@code image} before it writes anything, or empty when it takes it: an
   * image id (64 hex digits) or a bare digest, or a name the grammar reads.
   */
  public static Optional<String> refusal(String image) {
    if (image == null || image.isEmpty()) {
      return Optional.of("no image specified");
    }
    if (IMAGE_ID.matcher(image).matches()
        || KNOWN_DIGEST.matcher(image).matches()
        || parseNormalized(image).isPresent()) {
      return Optional.empty();
    }
    String withoutDigest = image.replaceFirst("@.*$", "");
    int colon = withoutDigest.lastIndexOf(':');
    String repository =
        colon > withoutDigest.lastIndexOf('/') ? withoutDigest.substring(0, colon) : withoutDigest;
    return Optional.of(
        repository.chars().anyMatch(Character::isUpperCase)
            ? "invalid reference format: repository name must be lowercase"
            : "invalid reference format");
  }

  /**
   * The image as the CLI's client sends it in a service spec: familiar, with {@code :latest} when it has neither tag
   * nor digest; unchanged when it doesn't parse.
   */
  public static String asSent(String image) {
    return parseNormalized(image)
        .map(reference -> reference.withDefaultTag().familiar())
        .orElse(image);
  }

  /**
   * The image pinned to {@code newDigest} as the CLI pins it ({@code name:tag@digest}); an image that already names
   * a digest, or doesn't parse, stays as it is.
   */
  public static String pinned(String image, String newDigest) {
    return parseNormalized(image)
        .filter(reference -> !reference.hasDigest())
        .map(reference -> new ImageReference(
                reference.domain, reference.path, reference.tag, newDigest)
            .familiar())
        .orElse(image);
  }

  /** The image without its digest, as {@code docker stack services/ps} show it; as written when it doesn't parse. */
  public static String withoutDigest(String image) {
    return parseNormalized(image)
        .map(reference ->
            new ImageReference(reference.domain, reference.path, reference.tag, null).familiar())
        .orElse(image);
  }

  public boolean hasDigest() {
    return digest != null;
  }

  private ImageReference withDefaultTag() {
    return tag == null && digest == null ? new ImageReference(domain, path, "latest", null) : this;
  }

  /** Docker Hub's domain and the {@code library/} of official images left out, as the CLI prints names. */
  public String familiar() {
    String name;
    if (domain == null) {
      name = path; // the whole name parsed as a path: the CLI prints it so too
    } else if (domain.equals(DOCKER_HUB)) {
      String official =
          path.startsWith(OFFICIAL_PREFIX) ? path.substring(OFFICIAL_PREFIX.length()) : path;
      name = official.indexOf('/') < 0 ? official : path;
    } else {
      name = domain + "/" + path;
    }
    return name + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
  }
}
