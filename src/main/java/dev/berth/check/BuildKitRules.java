package dev.berth.check;

import java.util.List;

/**
 * BuildKit's build checks, with BuildKit's names, descriptions and pages, and findings worded as
 * BuildKit words them. CopyIgnoredFile is experimental in BuildKit; berth runs it by default, since
 * reading the {@code .dockerignore} beside the Dockerfile is what {@code berth check} is for.
 */
public final class BuildKitRules {

  private BuildKitRules() {}

  public static final Rule STAGE_NAME_CASING =
      Rule.buildKit(
          "StageNameCasing",
          "Stage names should be lowercase",
          "stage-name-casing",
          StageNameChecks::stageNameCasing);
  public static final Rule FROM_AS_CASING =
      Rule.buildKit(
          "FromAsCasing",
          "The 'as' keyword should match the case of the 'from' keyword",
          "from-as-casing",
          StageNameChecks::fromAsCasing);
  public static final Rule NO_EMPTY_CONTINUATION =
      Rule.buildKit(
          "NoEmptyContinuation",
          "Empty continuation lines will become errors in a future release",
          "no-empty-continuation",
          SyntaxChecks::noEmptyContinuation);
  public static final Rule CONSISTENT_INSTRUCTION_CASING =
      Rule.buildKit(
          "ConsistentInstructionCasing",
          "All commands within the Dockerfile should use the same casing (either upper or lower)",
          "consistent-instruction-casing",
          SyntaxChecks::consistentInstructionCasing);
  public static final Rule DUPLICATE_STAGE_NAME =
      Rule.buildKit(
          "DuplicateStageName",
          "Stage names should be unique",
          "duplicate-stage-name",
          StageNameChecks::duplicateStageName);
  public static final Rule RESERVED_STAGE_NAME =
      Rule.buildKit(
          "ReservedStageName",
          "Reserved words should not be used as stage names",
          "reserved-stage-name",
          StageNameChecks::reservedStageName);
  public static final Rule JSON_ARGS_RECOMMENDED =
      Rule.buildKit(
          "JSONArgsRecommended",
          "JSON arguments recommended for ENTRYPOINT/CMD to prevent unintended behavior related to"
              + " OS signals",
          "json-args-recommended",
          VariableChecks::jsonArgsRecommended);
  public static final Rule MAINTAINER_DEPRECATED =
      Rule.buildKit(
          "MaintainerDeprecated",
          "The MAINTAINER instruction is deprecated, use a label instead to define an image"
              + " author",
          "maintainer-deprecated",
          SyntaxChecks::maintainerDeprecated);
  public static final Rule UNDEFINED_ARG_IN_FROM =
      Rule.buildKit(
          "UndefinedArgInFrom",
          "FROM command must use declared ARGs",
          "undefined-arg-in-from",
          FromChecks::undefinedArgInFrom);
  public static final Rule WORKDIR_RELATIVE_PATH =
      Rule.buildKit(
          "WorkdirRelativePath",
          "Relative workdir without an absolute workdir declared within the build can have"
              + " unexpected results if the base image changes",
          "workdir-relative-path",
          VariableChecks::workdirRelativePath);
  public static final Rule UNDEFINED_VAR =
      Rule.buildKit(
          "UndefinedVar",
          "Variables should be defined before their use",
          "undefined-var",
          VariableChecks::undefinedVar);
  public static final Rule MULTIPLE_INSTRUCTIONS_DISALLOWED =
      Rule.buildKit(
          "MultipleInstructionsDisallowed",
          "Multiple instructions of the same type should not be used in the same stage",
          "multiple-instructions-disallowed",
          SyntaxChecks::multipleInstructionsDisallowed);
  public static final Rule LEGACY_KEY_VALUE_FORMAT =
      Rule.buildKit(
          "LegacyKeyValueFormat",
          "Legacy key/value format with whitespace separator should not be used",
          "legacy-key-value-format",
          SyntaxChecks::legacyKeyValueFormat);
  public static final Rule INVALID_BASE_IMAGE_PLATFORM =
      Rule.buildKit(
          "InvalidBaseImagePlatform",
          "Base image platform does not match expected target platform",
          "invalid-base-image-platform",
          FromChecks::invalidBaseImagePlatform);
  public static final Rule REDUNDANT_TARGET_PLATFORM =
      Rule.buildKit(
          "RedundantTargetPlatform",
          "Setting platform to predefined $TARGETPLATFORM in FROM is redundant as this is the"
              + " default behavior",
          "redundant-target-platform",
          FromChecks::redundantTargetPlatform);
  public static final Rule SECRETS_USED_IN_ARG_OR_ENV =
      Rule.buildKit(
          "SecretsUsedInArgOrEnv",
          "Sensitive data should not be used in the ARG or ENV commands",
          "secrets-used-in-arg-or-env",
          SyntaxChecks::secretsUsedInArgOrEnv);
  public static final Rule INVALID_DEFAULT_ARG_IN_FROM =
      Rule.buildKit(
          "InvalidDefaultArgInFrom",
          "Default value for global ARG results in an empty or invalid base image name",
          "invalid-default-arg-in-from",
          FromChecks::invalidDefaultArgInFrom);
  public static final Rule FROM_PLATFORM_FLAG_CONST_DISALLOWED =
      Rule.buildKit(
          "FromPlatformFlagConstDisallowed",
          "FROM --platform flag should not use a constant value",
          "from-platform-flag-const-disallowed",
          FromChecks::fromPlatformFlagConstDisallowed);
  public static final Rule COPY_IGNORED_FILE =
      Rule.buildKit(
          "CopyIgnoredFile",
          "Attempting to Copy file that is excluded by .dockerignore",
          "copy-ignored-file",
          IgnoreCheck::copyIgnoredFile);
  public static final Rule INVALID_DEFINITION_DESCRIPTION =
      Rule.buildKit(
              "InvalidDefinitionDescription",
              "Comment for build stage or argument should follow the format: `# <arg/stage name>"
                  + " <description>`. If this is not intended to be a description comment, add an"
                  + " empty line or comment between the instruction and the comment.",
              "invalid-definition-description",
              DescriptionCheck::invalidDefinitionDescription)
          .asExperimental();
  public static final Rule EXPOSE_PROTO_CASING =
      Rule.buildKit(
          "ExposeProtoCasing",
          "Protocol in EXPOSE instruction should be lowercase",
          "expose-proto-casing",
          ExposeChecks::exposeProtoCasing);
  public static final Rule EXPOSE_INVALID_FORMAT =
      Rule.buildKit(
          "ExposeInvalidFormat",
          "IP address and host-port mapping should not be used in EXPOSE instruction. This will"
              + " become an error in a future release",
          "expose-invalid-format",
          ExposeChecks::exposeInvalidFormat);

  /** Every BuildKit check, in the order of BuildKit's list. */
  public static List<Rule> all() {
    return List.of(
        STAGE_NAME_CASING,
        FROM_AS_CASING,
        NO_EMPTY_CONTINUATION,
        CONSISTENT_INSTRUCTION_CASING,
        DUPLICATE_STAGE_NAME,
        RESERVED_STAGE_NAME,
        JSON_ARGS_RECOMMENDED,
        MAINTAINER_DEPRECATED,
        UNDEFINED_ARG_IN_FROM,
        WORKDIR_RELATIVE_PATH,
        UNDEFINED_VAR,
        MULTIPLE_INSTRUCTIONS_DISALLOWED,
        LEGACY_KEY_VALUE_FORMAT,
        INVALID_BASE_IMAGE_PLATFORM,
        REDUNDANT_TARGET_PLATFORM,
        SECRETS_USED_IN_ARG_OR_ENV,
        INVALID_DEFAULT_ARG_IN_FROM,
        FROM_PLATFORM_FLAG_CONST_DISALLOWED,
        COPY_IGNORED_FILE,
        INVALID_DEFINITION_DESCRIPTION,
        EXPOSE_PROTO_CASING,
        EXPOSE_INVALID_FORMAT);
  }
}
