package dev.berth.context;

/** What identifies one version of a file on disk without reading it, as git's index does. */
record FileStamp(long size, long mtimeNanos, long ctimeNanos, long inode) {}
