import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { parseRuleSettings } from '../lib/core/engine/ruleSettings';
import type { Locale } from '../lib/core/i18n/translate';
import { cueLine, tableLines } from './replay/cueLines';
import { detectionTable, formatDetectionTable, gradeRun, type RunGrade } from './replay/gradeRuns';
import { type ReplayRun, readRuns } from './replay/readRuns';
import { replayRun } from './replay/replayRun';

// `npm run replay -- <scenario.json | export.json>… [--format table|ndjson] [--check] [--rules settings.json]
// [--lang zh-CN|en]`: runs the engine over each file and prints its cues; --check grades them against the
// scenario labels (exit 1 on a miss or a false cue). A bad file or argument exits 2 naming the field.

function fail(message: string): never {
  console.error(`replay: ${message}`);
  process.exit(2);
}

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    fail(`cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    fail(`${path}: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

let args: ReturnType<typeof parse>;
function parse() {
  return parseArgs({
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      check: { type: 'boolean', default: false },
      rules: { type: 'string' },
      lang: { type: 'string', default: 'zh-CN' },
    },
  });
}
try {
  args = parse();
} catch (error) {
  fail(error instanceof Error ? error.message : String(error));
}
const { values, positionals } = args;
if (positionals.length === 0) fail('give at least one scenario or exported session file');
if (values.format !== 'table' && values.format !== 'ndjson')
  fail(`--format must be table or ndjson, not ${values.format}`);
if (values.lang !== 'zh-CN' && values.lang !== 'en') fail(`--lang must be zh-CN or en, not ${values.lang}`);
const locale = values.lang as Locale;

let override: unknown;
if (values.rules) {
  const json = readJson(values.rules);
  // A whole settings object (as the options page stores it) carries the rule settings under `rules`.
  const candidate =
    typeof json === 'object' && json !== null && 'rules' in json ? (json as { rules: unknown }).rules : json;
  const parsed = parseRuleSettings(candidate);
  if (!parsed.ok) fail(`${values.rules}: ${parsed.error}`);
  override = parsed.settings;
}

const runs: ReplayRun[] = [];
for (const path of positionals) {
  const read = readRuns(readJson(path), basename(path));
  if (!read.ok) fail(read.error);
  for (const run of read.runs) {
    if (override === undefined && run.ruleSettings !== undefined) {
      const parsed = parseRuleSettings(run.ruleSettings);
      if (!parsed.ok) fail(`${run.name}: session.ruleSettings.${parsed.error}`);
    }
    runs.push(run);
  }
}

const grades: RunGrade[] = [];
for (const run of runs) {
  const cues = replayRun(run, override);
  const lines = cues.map((cue) => cueLine(cue, run.startedAt, locale));
  if (values.format === 'ndjson') {
    for (const line of lines) console.log(JSON.stringify({ file: run.name, ...line }));
  } else {
    console.log(`${run.name} — ${cues.length} cue${cues.length === 1 ? '' : 's'}`);
    for (const line of tableLines(lines)) console.log(line);
  }
  if (values.check) grades.push(gradeRun(run, cues));
}

if (values.check) {
  const out = values.format === 'ndjson' ? console.error : console.log;
  out('');
  for (const line of formatDetectionTable(detectionTable(grades))) out(line);
  const problems = grades.flatMap((grade) => grade.problems);
  for (const problem of problems) out(`FAIL ${problem}`);
  out(
    problems.length === 0
      ? 'check: ok'
      : `check: ${problems.length} problem${problems.length === 1 ? '' : 's'}`,
  );
  if (problems.length > 0) process.exit(1);
}
