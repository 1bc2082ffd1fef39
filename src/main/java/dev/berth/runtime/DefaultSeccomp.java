package dev.berth.runtime;

import dev.berth.runtime.SeccompProfile.ArgCondition;
import dev.berth.runtime.SeccompProfile.Rule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * berth's default seccomp profile, written from docker's documentation ("Seccomp security profiles
 * for Docker", its table of the significant system calls the default profile blocks and why).
 *
 * <p>docker's profile is an allow-list: every call it does not name fails with EPERM. This one is
 * the other way round: every call is allowed except the ones docker's table lists as blocked, each
 * refused with EPERM unless the container holds a capability that docker's profile lets it through
 * with (so {@code --cap-add SYS_TIME} also opens {@code settimeofday}, as it does in docker). berth
 * does not keep a list of every call a program may need: an allow-list written by hand that missed
 * one would break programs in ways that look like their own bugs, while the table of blocked calls
 * is what docker documents and can be checked line by line. The price is that a system call newer
 * than this list is allowed, where docker's refuses it; the calls known to be risky that docker's
 * current profile leaves out ({@code io_uring_*}) are refused here too. Not refused: {@code
 * personality}, which docker allows only with a few arguments (a rule this form cannot state
 * without refusing the common ones); {@code ptrace}, which docker allows on kernels from 4.8.
 *
 * <p>Namespaces: {@code unshare} and {@code setns} need CAP_SYS_ADMIN; {@code clone} is refused
 * when its flags ask for any new namespace (user namespaces included), and {@code clone3}, whose
 * flags a filter cannot read, fails with ENOSYS so that the C library falls back to {@code clone}.
 */
public final class DefaultSeccomp {

  /** A group of calls docker's table blocks, and the capabilities that let them through. */
  record Blocked(List<String> calls, List<String> unlockedBy, String why) {}

  static final List<Blocked> BLOCKED =
      List.of(
          new Blocked(
              List.of("add_key", "keyctl", "request_key"),
              List.of(),
              "the kernel keyring is not namespaced"),
          new Blocked(
              List.of(
                  "create_module",
                  "get_kernel_syms",
                  "query_module",
                  "nfsservctl",
                  "sysfs",
                  "_sysctl",
                  "uselib",
                  "ustat"),
              List.of(),
              "obsolete"),
          new Blocked(List.of("vm86", "vm86old"), List.of(), "in-kernel x86 real mode emulation"),
          new Blocked(
              List.of("io_uring_setup", "io_uring_enter", "io_uring_register"),
              List.of(),
              "a large attack surface that seccomp cannot see into"),
          new Blocked(List.of("acct"), List.of("CAP_SYS_PACCT"), "process accounting"),
          new Blocked(
              List.of(
                  "clock_adjtime",
                  "clock_adjtime64",
                  "clock_settime",
                  "clock_settime64",
                  "settimeofday",
                  "stime"),
              List.of("CAP_SYS_TIME"),
              "time is not namespaced"),
          new Blocked(
              List.of("init_module", "finit_module", "delete_module"),
              List.of("CAP_SYS_MODULE"),
              "kernel modules"),
          new Blocked(
              List.of("reboot", "kexec_load", "kexec_file_load"),
              List.of("CAP_SYS_BOOT"),
              "rebooting or loading a new kernel"),
          new Blocked(
              List.of(
                  "get_mempolicy",
                  "mbind",
                  "set_mempolicy",
                  "set_mempolicy_home_node",
                  "move_pages"),
              List.of("CAP_SYS_NICE"),
              "NUMA memory policy of the host"),
          new Blocked(
              List.of(
                  "kcmp",
                  "process_vm_readv",
                  "process_vm_writev",
                  "pidfd_getfd",
                  "process_madvise",
                  "userfaultfd"),
              List.of("CAP_SYS_PTRACE"),
              "inspecting other processes' memory and descriptors"),
          new Blocked(List.of("iopl", "ioperm"), List.of("CAP_SYS_RAWIO"), "I/O port access"),
          new Blocked(List.of("vhangup"), List.of("CAP_SYS_TTY_CONFIG"), "hanging up terminals"),
          new Blocked(
              List.of("open_by_handle_at"),
              List.of("CAP_DAC_READ_SEARCH"),
              "opening host files by handle (the 'shocker' escape)"),
          new Blocked(
              List.of(
                  "mount",
                  "umount",
                  "umount2",
                  "pivot_root",
                  "fsopen",
                  "fsconfig",
                  "fsmount",
                  "fspick",
                  "open_tree",
                  "move_mount",
                  "mount_setattr",
                  "swapon",
                  "swapoff",
                  "quotactl",
                  "quotactl_fd",
                  "lookup_dcookie",
                  "fanotify_init",
                  "name_to_handle_at",
                  "setns",
                  "unshare",
                  "sethostname",
                  "setdomainname"),
              List.of("CAP_SYS_ADMIN"),
              "mounts, namespaces and other administration"),
          new Blocked(List.of("bpf"), List.of("CAP_SYS_ADMIN", "CAP_BPF"), "loading BPF programs"),
          new Blocked(
              List.of("perf_event_open"),
              List.of("CAP_SYS_ADMIN", "CAP_PERFMON"),
              "performance counters of the host"),
          new Blocked(List.of("syslog"), List.of("CAP_SYS_ADMIN", "CAP_SYSLOG"), "the kernel log"));

  /** The clone flags that make new namespaces, refused without CAP_SYS_ADMIN. */
  static final List<Long> NAMESPACE_FLAGS =
      List.of(
          0x00020000L, // CLONE_NEWNS
          0x02000000L, // CLONE_NEWCGROUP
          0x04000000L, // CLONE_NEWUTS
          0x08000000L, // CLONE_NEWIPC
          0x10000000L, // CLONE_NEWUSER
          0x20000000L, // CLONE_NEWPID
          0x40000000L); // CLONE_NEWNET

  private DefaultSeccomp() {}

  /** The profile for a container holding {@code capabilities} (names with {@code CAP_}). */
  public static SeccompProfile forCapabilities(List<String> capabilities) {
    List<Rule> rules = new ArrayList<>();
    Optional<Integer> eperm = Optional.of(SeccompProfile.EPERM);
    for (Blocked b : BLOCKED) {
      if (b.unlockedBy().stream().noneMatch(capabilities::contains)) {
        rules.add(new Rule(b.calls(), "SCMP_ACT_ERRNO", eperm, List.of()));
      }
    }
    if (!capabilities.contains("CAP_SYS_ADMIN")) {
      // One rule per flag: the conditions of one rule must all hold, and a filter has no "any of
      // these bits" test.
      int flagsArg = cloneFlagsArgument();
      for (long flag : NAMESPACE_FLAGS) {
        rules.add(
            new Rule(
                List.of("clone"),
                "SCMP_ACT_ERRNO",
                eperm,
                List.of(new ArgCondition(flagsArg, flag, flag, "SCMP_CMP_MASKED_EQ"))));
      }
      rules.add(
          new Rule(
              List.of("clone3"), "SCMP_ACT_ERRNO", Optional.of(SeccompProfile.ENOSYS), List.of()));
    }
    return new SeccompProfile(
        "SCMP_ACT_ALLOW", Optional.empty(), SeccompProfile.nativeArchitectures(), List.of(), rules);
  }

  /** clone's flags are its first argument, except on s390, where they come second. */
  private static int cloneFlagsArgument() {
    return System.getProperty("os.arch").toLowerCase(Locale.ROOT).startsWith("s390") ? 1 : 0;
  }
}
