package dev.berth.store;

import java.io.IOException;

/**
 * Something garbage collection sweeps besides blobs and cache records, such as a snapshotter: it
 * removes what the refs do not reach. Called with the store lock held.
 */
public interface Sweepable {

  Swept sweep(Reachable reachable) throws IOException;
}
