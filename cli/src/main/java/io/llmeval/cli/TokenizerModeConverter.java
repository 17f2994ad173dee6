package io.llmeval.cli;

import io.llmeval.udfs.text.TokenizerMode;
import picocli.CommandLine;

import java.util.Locale;

/**
 * {@code --tokenizer rouge-score|unicode} of {@link RougeCommand}, {@link HallucinationCommand} and
 * {@link EvalHallucinationCommand}: {@code rouge-score} is Google's rouge_score tokenizer (ASCII letters and
 * digits), {@code unicode} keeps non-English words whole.
 */
class TokenizerModeConverter implements CommandLine.ITypeConverter<TokenizerMode> {

    @Override
    public TokenizerMode convert(String value) {
        switch (value.trim().toLowerCase(Locale.ROOT).replace('_', '-')) {
            case "rouge-score":
                return TokenizerMode.ROUGE_SCORE;
            case "unicode":
                return TokenizerMode.UNICODE;
            default:
                throw new CommandLine.TypeConversionException("'" + value
                        + "' is not a tokenizer; valid: rouge-score, unicode");
        }
    }
}
