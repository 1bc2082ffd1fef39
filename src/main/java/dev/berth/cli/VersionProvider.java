package dev.berth.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine;

/** Reads berth's version from the properties file Maven writes at build time. */
final class VersionProvider implements CommandLine.IVersionProvider {

  @Override
  public String[] getVersion() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        VersionProvider.class.getResourceAsStream("/dev/berth/version.properties")) {
      if (in != null) {
        p.load(in);
      }
    }
    return new String[] {"berth " + p.getProperty("version", "unknown")};
  }
}
