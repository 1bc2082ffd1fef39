package dev.berth.layer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** A small tree with every kind of entry a layer holds. */
final class Fixture {
  /** A file capability (v2, all low capabilities permitted): binary, with 0x00 and 0xff bytes. */
  static final byte[] CAPABILITY = {
    0x01,
    0x00,
    0x00,
    0x02,
    (byte) 0xff,
    (byte) 0xff,
    (byte) 0xff,
    (byte) 0xff,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0,
    0
  };

  static final byte[] USER_VALUE = {0x00, (byte) 0xff, (byte) 0x80, (byte) 0xfe, 'x'};

  private Fixture() {}

  /** Builds the tree; returns whether extended attributes could be set here. */
  static boolean build(Path root) throws IOException {
    Files.createDirectories(root.resolve("etc/app"));
    Files.writeString(root.resolve("etc/app/config"), "key=value\n");
    Files.writeString(root.resolve("etc/hosts"), "127.0.0.1 localhost\n");
    Files.createDirectories(root.resolve("usr/bin"));
    Path tool = root.resolve("usr/bin/tool");
    Files.write(tool, new byte[70_000]);
    Files.setAttribute(tool, "unix:mode", 04755);
    Files.createLink(root.resolve("usr/bin/tool-alias"), tool);
    Files.createSymbolicLink(root.resolve("usr/bin/sh"), Path.of("tool"));
    Files.createSymbolicLink(root.resolve("usr/bin/dangling"), Path.of("/nowhere/at/all"));
    Files.createDirectories(root.resolve("tmp"));
    Files.setAttribute(root.resolve("tmp"), "unix:mode", 01777);
    Path deep =
        root.resolve("deep/" + "d".repeat(60) + "/" + "e".repeat(60) + "/" + "f".repeat(90));
    Files.createDirectories(deep.getParent());
    Files.writeString(deep, "long name\n");
    Path deeper = root.resolve("deep/" + "x".repeat(200) + "/" + "y".repeat(100));
    Files.createDirectories(deeper.getParent());
    Files.writeString(deeper, "longer name\n");
    Files.writeString(root.resolve("etc/ünïcode"), "utf-8 name\n");
    Files.createFile(root.resolve("empty"));
    Native.mknod(root.resolve("fifo"), 0010000 | 0644, 0, 0);
    if (Trees.isRoot()) {
      Native.mknod(root.resolve("null"), 0020000 | 0666, 1, 3);
      Files.setAttribute(root.resolve("etc/hosts"), "unix:uid", 1234);
      Files.setAttribute(root.resolve("etc/hosts"), "unix:gid", 5678);
    }
    boolean xattrs;
    try {
      Native.setXattr(root.resolve("etc/app/config"), "user.berth.test", USER_VALUE);
      xattrs = true;
    } catch (IOException e) {
      xattrs = false;
    }
    if (xattrs && Trees.isRoot()) {
      Native.setXattr(tool, "security.capability", CAPABILITY);
    }
    setTimes(root, 1_600_000_000L);
    return xattrs;
  }

  /** Sets every mtime (and atime) in the tree, symlinks included. */
  static void setTimes(Path root, long epochSecond) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Native.setTimes(p, epochSecond);
      }
    }
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
