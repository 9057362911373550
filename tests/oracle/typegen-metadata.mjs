#!/usr/bin/env node
// Run the pinned generator's template and formatter on metadata instead of a database:
// reads a JSON array of GeneratorMetadata documents on stdin, writes a JSON array of the
// generated database.types.ts texts (each exactly what postgres-meta would print, final
// console.log newline included). The tests build the metadata from the IR (metadata.py),
// so this checks the layout, ordering and quoting of many schemas in one process; the
// database tests (gen-types.mjs) check the introspection side.
//
// With --format it reads a JSON array of TypeScript texts instead and formats each with
// the generator's formatter and options (oxfmt, semi: false, printWidth: 80).
import { generateTypescript, sortGeneratorMetadata } from "@supabase/postgrest-typegen";
import { format } from "oxfmt";

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const inputs = JSON.parse(Buffer.concat(chunks).toString("utf8"));
const results = [];
for (const input of inputs) {
  if (process.argv.includes("--format")) {
    const { code, errors } = await format("output.ts", input, { semi: false, printWidth: 80 });
    if (errors.length > 0) throw new Error(errors.map((e) => e.message).join("; "));
    results.push(code);
  } else {
    const text = await generateTypescript(sortGeneratorMetadata(input), {
      detectOneToOneRelationships: true,
      defaultSchema: "public",
    });
    results.push(text + "\n");
  }
}
process.stdout.write(JSON.stringify(results));
