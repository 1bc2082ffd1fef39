package dev.berth.cli.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.berth.diag.BerthException;
import dev.berth.diag.ErrorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class TemplateTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Shaped like docker's image inspect object. */
  private static JsonNode image() throws Exception {
    ObjectNode o =
        (ObjectNode)
            JSON.readTree(
                """
                {"Id":"sha256:abc","RepoTags":["app:1","app:latest"],"Size":1982266,
                 "Os":"linux","Ratio":1.5,"Empty":"","Zero":0,"Flag":true,"Nothing":null,
                 "Config":{"User":"1000:1000","Env":["A=1","B=two words"],
                   "Cmd":["sh","-c","echo hi"],"Labels":{"z":"w","org.x":"y"},
                   "ExposedPorts":{"80/tcp":{},"53/udp":{}},"Entrypoint":null}}
                """);
    ObjectNode config = (ObjectNode) o.get("Config");
    config.set("Entrypoint", TypedNull.SLICE);
    config.set("OnBuild", TypedNull.SLICE);
    config.set("Volumes", TypedNull.MAP);
    ObjectNode ports = (ObjectNode) config.get("ExposedPorts");
    ports.set("80/tcp", new GoStruct());
    ports.set("53/udp", new GoStruct());
    ObjectNode rootfs = new GoStruct();
    rootfs.put("Type", "layers");
    rootfs.putArray("Layers").add("sha256:1").add("sha256:2");
    o.set("RootFS", rootfs);
    return o;
  }

  private static String run(String template) throws Exception {
    return Template.parse(template).executeOnMap(image());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '~',
      textBlock =
          """
          {{.Id}} => sha256:abc
          plain text => plain text
          {{.Config.User}} => 1000:1000
          {{.Config.Env}} => [A=1 B=two words]
          {{.Config.Labels}} => map[org.x:y z:w]
          {{.Config.ExposedPorts}} => map[53/udp:{} 80/tcp:{}]
          {{.Config.Entrypoint}} => []
          {{.Config.Volumes}} => map[]
          {{.RootFS}} => {layers [sha256:1 sha256:2]}
          {{.Nothing}} => <nil>
          {{.Size}} => 1982266
          {{.Ratio}} => 1.5
          {{json .Config.Labels}} => {"z":"w","org.x":"y"}
          {{json .Config.Entrypoint}} => null
          {{json .RepoTags}} => ["app:1","app:latest"]
          {{json .Id}} => "sha256:abc"
          {{range .RepoTags}}<{{.}}>{{end}} => <app:1><app:latest>
          {{range $i, $t := .RepoTags}}{{$i}}={{$t}} {{end}} => ~0=app:1 1=app:latest ~
          {{range $k, $v := .Config.Labels}}{{$k}}:{{$v}};{{end}} => org.x:y;z:w;
          {{range .Config.Entrypoint}}x{{else}}none{{end}} => none
          {{range $e := .Config.Env}}{{$e}},{{end}} => ~A=1,B=two words,~
          {{if .Flag}}yes{{else}}no{{end}} => yes
          {{if .Empty}}yes{{else}}no{{end}} => no
          {{if .Zero}}a{{else if .Flag}}b{{else}}c{{end}} => b
          {{if .Config.Labels}}labels{{end}} => labels
          {{with .Config}}{{.User}}{{end}} => 1000:1000
          {{with .Empty}}x{{else}}empty{{end}} => empty
          {{index .RepoTags 1}} => app:latest
          {{index .Config.Labels "org.x"}} => y
          ~{{index .Config.Labels "nope"}}~ => ~~
          {{join .Config.Env ","}} => ~A=1,B=two words~
          {{join .Config.Entrypoint ","}} => ~~
          {{split .Config.User ":"}} => [1000 1000]
          {{upper .Os}} => LINUX
          {{.Os | upper}} => LINUX
          {{lower "AbC"}} => abc
          {{title "ab cd"}} => Ab Cd
          {{truncate .Id 6}} => sha256
          {{truncate .Id 100}} => sha256:abc
          ~{{pad .Os 2 3}}|~ => ~  linux   |~
          {{printf "%s|%-6s|%5d" .Os .Os .Size}} => linux|linux |1982266
          {{printf "%q" .Config.Cmd}} => ["sh" "-c" "echo hi"]
          {{printf "%.3s" .Id}} => sha
          {{printf "%v %t %x" .Ratio .Flag 255}} => 1.5 true ff
          {{printf "%05d|%+d" 42 7}} => 00042|+7
          {{printf "%d" .Os}} => %!d(string=linux)
          {{printf "%s %s" .Os}} => linux %!s(MISSING)
          {{.Size | printf "%v"}} => 1982266
          {{print 1 2 "a" "b" 3}} => 1 2ab3
          {{len .RepoTags}} {{len .Os}} {{len .Config.Labels}} => 2 5 2
          {{eq .Os "linux"}} {{ne .Os "linux"}} => true false
          {{eq .Os "mac" "linux"}} => true
          {{lt 1 2}} {{le 2 2}} {{gt 1 2}} {{ge "b" "a"}} => true true false true
          {{not .Flag}} {{and .Flag .Os}} {{or .Empty .Zero}} => false linux 0
          {{and .Empty .Missing.Deep}} => ~~
          {{ 1.5 }} {{ 1e6 }} {{ 0x10 }} {{ -3 }} {{ 'a' }} => 1.5 1e+06 16 -3 97
          {{`raw\\t`}} => raw\\t
          {{ .Os }} {{- " x" }} {{- /* c */ -}} y => linux xy
          {{/* only a comment */}}ok => ok
          {{$t := .Os}}{{$t}}-{{$.Id}} => linux-sha256:abc
          {{range .RepoTags}}{{$.Os}}{{end}} => linuxlinux
          {{(index .RepoTags 0) | upper}} => APP:1
          {{(.Config).User}} => 1000:1000
          {{json .}} => ~{"Id":"sha256:abc","RepoTags":["app:1","app:latest"],"Size":1982266,"Os":"linux","Ratio":1.5,"Empty":"","Zero":0,"Flag":true,"Nothing":null,"Config":{"User":"1000:1000","Env":["A=1","B=two words"],"Cmd":["sh","-c","echo hi"],"Labels":{"z":"w","org.x":"y"},"ExposedPorts":{"80/tcp":{},"53/udp":{}},"Entrypoint":null,"OnBuild":null,"Volumes":null},"RootFS":{"Type":"layers","Layers":["sha256:1","sha256:2"]}}~
          """)
  void rendersAsGoTextTemplateDoes(String template, String expected) throws Exception {
    assertThat(run(template)).isEqualTo(expected);
  }

  @Test
  void stringEscapesAndNewlines() throws Exception {
    assertThat(run("{{\"a\\tb\\n\"}}")).isEqualTo("a\tb\n");
    assertThat(run("{{println .Os}}")).isEqualTo("linux\n");
    assertThat(run("a\n{{- \"b\" -}}\n  c")).isEqualTo("abc");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '~',
      textBlock =
          """
          {{.Foo}} => template: :1:2: executing "" at <.Foo>: map has no entry for key "Foo"
          {{.Foo.Bar}} => template: :1:6: executing "" at <.Foo.Bar>: map has no entry for key "Foo"
          {{.Size.Foo}} => template: :1:7: executing "" at <.Size.Foo>: can't evaluate field Foo in type interface {}
          {{.Nothing.Foo}} => template: :1:10: executing "" at <.Nothing.Foo>: nil pointer evaluating interface {}.Foo
          {{index .RepoTags 5}} => template: :1:2: executing "" at <index .RepoTags 5>: error calling index: index out of range: 5
          {{.Os | truncate 0}} => template: :1:17: executing "" at <0>: expected string; found 0
          {{join .Os}} => template: :1:2: executing "" at <join .Os>: wrong number of args for join: want 2 got 1
          ~a\n{{.Nope}}~ => template: :2:2: executing "" at <.Nope>: map has no entry for key "Nope"
          {{range .Os}}{{end}} => template: :1:8: executing "" at <.Os>: range can't iterate over linux
          {{.Os 1}} => template: :1:2: executing "" at <.Os>: can't give argument to non-function .Os
          """)
  void executionErrorsReadAsGos(String template, String message) throws Exception {
    String t = template.replace("\\n", "\n");
    assertThatThrownBy(() -> run(t))
        .isInstanceOf(BerthException.class)
        .hasMessage(message)
        .satisfies(e -> assertThat(((BerthException) e).kind()).isEqualTo(ErrorKind.INVALID_INPUT));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiterString = " => ",
      quoteCharacter = '~',
      textBlock =
          """
          {{.Os => template: :1: unclosed action
          {{if .Os}}x => template: :1: unexpected EOF in if
          {{end}} => template: :1: unexpected {{end}}
          {{else}} => template: :1: unexpected {{else}}
          {{nosuch .Os}} => template: :1: function "nosuch" not defined
          {{$x}} => template: :1: undefined variable "$x"
          {{"abc}} => template: :1: unterminated quoted string
          {{.Os | }} => template: :1: missing value for command
          {{(.Os}} => template: :1: unclosed left paren
          {{.Os)}} => template: :1: unexpected right paren
          {{/* x }} => template: :1: unclosed comment
          {{range .RepoTags}}{{$i}}{{end}} => template: :1: undefined variable "$i"
          {{if 1}}{{$v := 1}}{{end}}{{$v}} => template: :1: undefined variable "$v"
          {{.Os ! }} => ~template: :1: unexpected "!" in command~
          """)
  void syntaxErrorsAreFoundBeforeAnyOutput(String template, String message) {
    assertThatThrownBy(() -> Template.parse(template))
        .isInstanceOf(BerthException.class)
        .hasMessage(message);
  }

  @Test
  void aStructsUnknownFieldNamesItsType() throws Exception {
    JsonNode row = JSON.readTree("{\"Repository\":\"app\"}");
    Template t = Template.parse("{{.Repository}} {{.Foo}}");
    assertThatThrownBy(() -> t.executeOnStruct(row, "image"))
        .hasMessage(
            "template: :1:18: executing \"\" at <.Foo>: can't evaluate field Foo in type image");
    assertThat(Template.parse("{{.Repository}}").executeOnStruct(row, "image")).isEqualTo("app");
  }

  @Test
  void floatsPrintAsGoPrintsThem() {
    assertThat(GoFormat.floatG(1e6)).isEqualTo("1e+06");
    assertThat(GoFormat.floatG(123456)).isEqualTo("123456");
    assertThat(GoFormat.floatG(1982266)).isEqualTo("1.982266e+06");
    assertThat(GoFormat.floatG(0.0001)).isEqualTo("0.0001");
    assertThat(GoFormat.floatG(0.00001)).isEqualTo("1e-05");
    assertThat(GoFormat.floatG(-2.5)).isEqualTo("-2.5");
  }
}
