package dev.swarmstack.swarm.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RegistryHostsTest {

  @ParameterizedTest
  @CsvSource({
    "nginx, docker.io",
    "nginx:1.25, docker.io",
    "library/nginx@sha256:abc, docker.io",
    "team/api:1, docker.io",
    "docker.io/team/api, docker.io",
    "index.docker.io/team/api, docker.io",
    "registry.example.com/team/api:1, registry.example.com",
    "127.0.0.1:5000/swarmtest/busybox:1, 127.0.0.1:5000",
    "myregistry:5000/api, myregistry:5000",
    "localhost/api, localhost",
    "Registry/api, Registry",
    "[::1]:5000/api, [::1]:5000",
  })
  void findsTheRegistryHostLikeTheCli(String image, String host) {
    assertEquals(host, RegistryHosts.of(image));
  }
}
