package io.llmeval.cli.sql;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SqlScriptTest {

    @Test
    void splitsOnSemicolonsOutsideQuotesAndCommentsAndKeepsLineNumbers() {
        String text = """
                -- a comment; with a semicolon
                CREATE TABLE t (
                  s STRING   -- another; one
                ) WITH ('path' = '${DIR}/a;b', 'x' = 'it''s');

                /* block;
                   comment */ SELECT 'a;b' AS `c;d`
                FROM t;
                SELECT 1
                """;
        SqlScript script = SqlScript.parse("f.sql", text, Map.of("DIR", "/tmp/x"));

        assertThat(script.statements()).extracting(SqlScript.Statement::line).containsExactly(2, 7, 9);
        assertThat(script.statements().get(0).sql()).contains("'/tmp/x/a;b'", "'it''s'").doesNotContain("--");
        assertThat(script.statements().get(1).sql()).isEqualTo("SELECT 'a;b' AS `c;d`\nFROM t");
        assertThat(script.statements().get(2).location()).isEqualTo("f.sql:9");
    }

    @Test
    void missingPlaceholderNamesFileLineAndVariable() {
        assertThatThrownBy(() -> SqlScript.parse("alerts.sql", "\n\nSELECT * FROM ${NOPE}", Map.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("alerts.sql:3: no value for ${NOPE}; pass --var NOPE=...");
    }
}
