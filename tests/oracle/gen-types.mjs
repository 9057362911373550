#!/usr/bin/env node
// Run Supabase's own TypeScript type generator against a PostgreSQL URL and
// copy its stdout byte for byte to our stdout (stdout is what
// `supabase gen types typescript > database.types.ts` saves).
//
//   node gen-types.mjs [--schemas public[,other]] [--no-one-to-one]
//                      [--postgrest-version X] <db-url>
//
// The generator (pinned in package.json / package-lock.json) is
// @supabase/postgres-meta 0.99.0 `dist/server/server.js` in its type-generation
// mode (`PG_META_GENERATE_TYPES`), the way the Supabase CLI 2.x runs
// postgres-meta inside its Docker image. The template and the formatter call
// (oxfmt, semi: false, printWidth: 80) live in its dependency
// @supabase/postgrest-typegen 0.2.5. Output ends in "\n\n" (the formatter's
// newline plus console.log's).
//
// <db-url> may be a libpq-style unix-socket URL such as the one
// embedded-postgres prints, `postgresql://postgres:@/postgres?host=/tmp/dir`.
// postgres-meta passes the URL through WHATWG `new URL()`, which rejects an
// empty host, so we put a placeholder host `localhost` in; the `host=` query
// parameter still wins in node-postgres, so the connection goes to the socket
// directory `/tmp/dir/.s.PGSQL.<port>`.
import { spawn } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));

function usage(message) {
  if (message) process.stderr.write(`gen-types: ${message}\n`);
  process.stderr.write(
    "usage: node gen-types.mjs [--schemas public] [--no-one-to-one] " +
      "[--postgrest-version X] <db-url>\n",
  );
  process.exit(2);
}

function parseArgs(argv) {
  const opts = {
    schemas: "public",
    oneToOne: true,
    postgrestVersion: undefined,
    url: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) usage(`${arg} needs a value`);
      return v;
    };
    if (arg === "--schemas") opts.schemas = value();
    else if (arg === "--no-one-to-one") opts.oneToOne = false;
    else if (arg === "--postgrest-version") opts.postgrestVersion = value();
    else if (arg === "-h" || arg === "--help") usage();
    else if (arg.startsWith("-")) usage(`unknown option ${arg}`);
    else if (opts.url === undefined) opts.url = arg;
    else usage("only one <db-url> allowed");
  }
  if (!opts.url) usage("missing <db-url>");
  return opts;
}

/** Give a host-less socket URL the placeholder host `localhost`. */
export function normalizeDbUrl(raw) {
  const m = /^(postgres(?:ql)?:\/\/)([^/?#]*)(.*)$/.exec(raw);
  if (!m) throw new Error(`not a postgresql:// URL: ${raw}`);
  const [, scheme, authority, rest] = m;
  const at = authority.lastIndexOf("@");
  const userinfo = at >= 0 ? authority.slice(0, at + 1) : "";
  const hostport = at >= 0 ? authority.slice(at + 1) : authority;
  if (hostport !== "") return raw;
  if (!/[?&]host=/.test(rest)) {
    throw new Error(`URL has neither a host nor a host= parameter: ${raw}`);
  }
  // `user:@` (empty password) is legal; keep it as given.
  return `${scheme}${userinfo}localhost${rest.startsWith("/") ? "" : "/"}${rest}`;
}

function run(cmd, args, { env, cwd }) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, {
      env,
      cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    const out = [];
    const err = [];
    child.stdout.on("data", (b) => out.push(b));
    child.stderr.on("data", (b) => err.push(b));
    child.on("error", (e) => {
      err.push(Buffer.from(`${e.stack ?? e}\n`));
      resolve({ code: 127, stdout: Buffer.concat(out), stderr: Buffer.concat(err) });
    });
    child.on("close", (code, signal) =>
      resolve({
        code: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(out),
        stderr: Buffer.concat(err),
      }),
    );
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const url = normalizeDbUrl(opts.url);
  // Drop inherited PG* variables so only the URL decides where we connect, and
  // locale variables so nothing host-specific leaks in (the generator pins its
  // collation to Intl.Collator("en") anyway).
  const baseEnv = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) =>
        !k.startsWith("PG") &&
        !k.startsWith("SUPABASE_") &&
        !k.startsWith("LC_") &&
        k !== "LANG" &&
        k !== "LANGUAGE",
    ),
  );
  baseEnv.LANG = "C.UTF-8";
  const env = {
    ...baseEnv,
    PG_META_DB_URL: url,
    PG_META_GENERATE_TYPES: "typescript",
    PG_META_GENERATE_TYPES_INCLUDED_SCHEMAS: opts.schemas,
    PG_META_GENERATE_TYPES_DETECT_ONE_TO_ONE_RELATIONSHIPS: String(opts.oneToOne),
    // Same value the Supabase CLI 2.x passed (its --query-timeout default).
    PG_CONN_TIMEOUT_SECS: "15",
    PG_QUERY_TIMEOUT_SECS: "15",
    NODE_NO_WARNINGS: "1",
  };
  if (opts.postgrestVersion) env.PG_META_POSTGREST_VERSION = opts.postgrestVersion;
  const server = join(here, "node_modules/@supabase/postgres-meta/dist/server/server.js");
  const result = await run(process.execPath, [server], { env, cwd: here });
  if (result.code !== 0) {
    process.stderr.write(result.stderr);
    process.stderr.write(`gen-types: postgres-meta exited with ${result.code}\n`);
    process.exit(result.code || 1);
  }
  process.stdout.write(result.stdout);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await main();
}
