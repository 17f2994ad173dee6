package io.llmeval.cli;

import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;

/**
 * {@code --tokenizer rouge-score|unicode} of {@link RougeCommand}, {@link HallucinationCommand} and
 * {@link EvalHallucinationCommand}: {@code rouge-score} is Google's rouge_score tokenizer (ASCII letters and
 * digits), {@code unicode} keeps non-English words whole.
 */
class TokenizerModeConverter implements CommandLine.ITypeConverter<TokenizerMode> {

    @Override
    public TokenizerMode convert(String value) {
        return TokenizerMode.parse(value, CommandLine.TypeConversionException::new);
    }
}
