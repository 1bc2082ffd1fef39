package dev.berth.solver;

import dev.berth.image.Descriptor;
import dev.berth.image.Digest;

/** A layer a step wrote to the store. */
record LayerMade(Descriptor layer, Digest diffId) {}
