package dev.berth.rootless;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UserNamespaceTest {

  @Test
  void theInitialNamespaceMapsEveryIdOntoItself() {
    assertThat(UserNamespace.isInitial("         0          0 4294967295\n")).isTrue();
  }

  @Test
  void aRootlessNamespaceMapsRootToTheUserAndTheRestToTheRange() {
    assertThat(UserNamespace.isInitial("0 1234 1\n1 100000 65536\n")).isFalse();
    assertThat(UserNamespace.isInitial("0 0 65536\n")).isFalse();
    assertThat(UserNamespace.isInitial("")).isFalse();
  }
}
