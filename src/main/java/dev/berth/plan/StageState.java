package dev.berth.plan;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** A planned stage and the state a stage built on it starts from. */
record StageState(
    PlannedStage planned,
    Map<String, String> runEnv,
    Map<String, String> configEnv,
    String workdir,
    String user,
    List<String> shell,
    List<String> onBuild,
    boolean baseConfigKnown,
    Set<String> declaredArgs,
    Set<Integer> dependsOn) {}
