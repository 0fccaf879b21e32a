// `npm run test:static`'s type check and lint in one process over ONE TypeScript program:
// `tsc -p tsconfig.json --noEmit` and `eslint --max-warnings 0 .` each built and checked the
// whole program (typescript-eslint's typed rules ask the checker about nearly every node), so
// the checker ran twice. Here the program is built once, its diagnostics are reported as tsc
// reports them, and ESLint's typed rules read the same, already-checked program. Same checks,
// same config (eslint.config.js), same exit status: 1 on any type error, lint error or warning.
// `npm run typecheck` and `npm run lint` still run each on its own.
import path from 'node:path';
import { ESLint } from 'eslint';
import ts from 'typescript';

const root = process.cwd();
const started = performance.now();

const configFile = ts.findConfigFile(root, ts.sys.fileExists, 'tsconfig.json');
if (!configFile) throw new Error('No tsconfig.json');
const read = ts.readConfigFile(configFile, ts.sys.readFile);
const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(configFile));
const program = ts.createProgram({
  rootNames: parsed.fileNames,
  options: { ...parsed.options, noEmit: true },
  projectReferences: parsed.projectReferences,
});
const diagnostics = [
  ...(read.error ? [read.error] : []),
  ...parsed.errors,
  ...ts.getPreEmitDiagnostics(program),
];
const host = {
  getCanonicalFileName: (name) => name,
  getCurrentDirectory: () => root,
  getNewLine: () => ts.sys.newLine,
};
if (diagnostics.length > 0) {
  process.stdout.write(ts.formatDiagnosticsWithColorAndContext(diagnostics, host));
  const files = new Set(diagnostics.map((d) => d.file?.fileName).filter(Boolean));
  console.log(`\nFound ${diagnostics.length} type errors in ${files.size} files.\n`);
}
const typed = performance.now();

// Every TypeScript file is in tsconfig.json's program (one added while this runs is not, and
// fails to parse: run again); JavaScript files are linted without types.
const eslint = new ESLint({
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx', '**/*.mts', '**/*.cts'],
      languageOptions: { parserOptions: { projectService: false, programs: [program] } },
    },
  ],
});
const results = await eslint.lintFiles(['.']);
const formatter = await eslint.loadFormatter('stylish');
const report = await formatter.format(results);
if (report) console.log(report);
const errors = results.reduce((sum, r) => sum + r.errorCount, 0);
const warnings = results.reduce((sum, r) => sum + r.warningCount, 0);
if (errors === 0 && warnings > 0)
  console.log(`ESLint found too many warnings (maximum: 0): ${warnings}.`);

const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
console.log(
  `Type check: ${diagnostics.length} errors (${seconds(typed - started)}); ` +
    `lint: ${results.length} files, ${errors} errors, ${warnings} warnings (${seconds(performance.now() - typed)}).`,
);
process.exitCode = diagnostics.length > 0 || errors > 0 || warnings > 0 ? 1 : 0;
