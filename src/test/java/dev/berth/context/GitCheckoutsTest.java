package dev.berth.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.berth.diag.ErrorKind;
import org.junit.jupiter.api.Test;

class GitCheckoutsTest {

  @Test
  void whatAsksForSomethingMissingExitsTwoAndTheNetworkOne() {
    assertThat(
            GitCheckouts.kindOf(
                "fatal: '/tmp/none.git' does not appear to be a git repository\n"
                    + "fatal: Could not read from remote repository.\n"))
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(
            GitCheckouts.kindOf(
                "fatal: remote error: access denied or repository not exported: /x.git"))
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(GitCheckouts.kindOf("fatal: couldn't find remote ref refs/tags/nope"))
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(
            GitCheckouts.kindOf(
                "fatal: unable to access 'https://h/x.git/': The requested URL returned error:"
                    + " 404"))
        .isEqualTo(ErrorKind.NOT_FOUND);
    assertThat(
            GitCheckouts.kindOf(
                "fatal: unable to connect to 127.0.0.1:\n127.0.0.1[0: 127.0.0.1]: errno=Connection"
                    + " refused"))
        .isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(
            GitCheckouts.kindOf(
                "fatal: unable to access 'https://h/x.git/': Could not resolve host: h"))
        .isEqualTo(ErrorKind.UNAVAILABLE);
    assertThat(GitCheckouts.kindOf("error: something else")).isEqualTo(ErrorKind.FAILED);
  }
}
