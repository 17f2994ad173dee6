// Reference token ids for the parity corpus from tokenizers.js (an independent, pure-JS implementation of
// Hugging Face tokenizers), run on the model's own tokenizer.json. Output: one line per text,
// {"id", "ids"} with [CLS] ... [SEP] and no truncation.
import { readFileSync } from "node:fs";
import { Tokenizer } from "@huggingface/tokenizers";
const [tokenizerPath, textsPath] = process.argv.slice(2);
const tokenizerJson = JSON.parse(readFileSync(tokenizerPath, "utf8"));
const tokenizer = new Tokenizer(tokenizerJson, { do_lower_case: true });
for (const line of readFileSync(textsPath, "utf8").split("\n")) {
  if (!line.trim()) continue;
  const { id, text } = JSON.parse(line);
  const ids = tokenizer.encode(text, { add_special_tokens: true }).ids.map(Number);
  process.stdout.write(JSON.stringify({ id, ids }) + "\n");
}
