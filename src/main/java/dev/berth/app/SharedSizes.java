package dev.berth.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Sizes of things made of parts that several of them may share, as docker accounts images' layers:
 * an item's size is all its parts, its shared size the parts another item has too; the total counts
 * each part once, and the reclaimable part is what no active item holds.
 */
final class SharedSizes {

  /** An item: its parts by id with their sizes, and whether something uses it. */
  record Item(String id, Map<String, Long> parts, boolean active) {
    Item {
      parts = Map.copyOf(parts);
    }
  }

  /** One item's sizes. */
  record Sized(String id, long size, long shared) {}

  /** Every item's sizes, the distinct total and the reclaimable part of it. */
  record Result(List<Sized> items, long total, long reclaimable) {
    Result {
      items = List.copyOf(items);
    }
  }

  private SharedSizes() {}

  static Result of(List<Item> items) {
    Map<String, Integer> users = new HashMap<>();
    Map<String, Long> sizes = new HashMap<>();
    Set<String> held = new HashSet<>();
    for (Item i : items) {
      i.parts()
          .forEach(
              (part, size) -> {
                users.merge(part, 1, Integer::sum);
                sizes.put(part, size);
                if (i.active()) {
                  held.add(part);
                }
              });
    }
    List<Sized> out = new ArrayList<>();
    for (Item i : items) {
      long size = 0;
      long shared = 0;
      for (Map.Entry<String, Long> p : i.parts().entrySet()) {
        size += p.getValue();
        if (users.get(p.getKey()) > 1) {
          shared += p.getValue();
        }
      }
      out.add(new Sized(i.id(), size, shared));
    }
    long total = 0;
    long reclaimable = 0;
    for (Map.Entry<String, Long> p : sizes.entrySet()) {
      total += p.getValue();
      if (!held.contains(p.getKey())) {
        reclaimable += p.getValue();
      }
    }
    return new Result(out, total, reclaimable);
  }
}
