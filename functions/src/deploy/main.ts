// `npm run deploy -- --config deploy.json [--dry-run]`: puts clientbase into a Google Cloud project,
// or brings an installation up to date. Safe to run again: it changes only what is not yet right.
// `--verify` checks an installation works (health, a scheduler run, the reports spreadsheet's sharing).
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { z } from 'zod';
import { describeError, exitCodeFor } from '../command-errors.ts';
import { AppError, parseOrThrow } from '../errors.ts';
import { deployConfigSchema, type DeployConfig } from '../schema/deploy-config.ts';
import { serviceAccountEmail, functionUrl, type FirestoreIndexes, type PlanInput } from './deploy-plan.ts';
import { renderPlan, runDeploy } from './deploy-runner.ts';
import { renderChecks, verifyChecks } from './verify.ts';
import { runVerify } from './verify-runner.ts';

const root = fileURLToPath(new URL('../../../', import.meta.url));

const indexesSchema = z.object({
  indexes: z.array(
    z.object({
      collectionGroup: z.string(),
      queryScope: z.string(),
      fields: z.array(z.object({ fieldPath: z.string(), order: z.string().optional(), arrayConfig: z.string().optional() })),
    }),
  ),
  fieldOverrides: z
    .array(
      z.object({
        collectionGroup: z.string(),
        fieldPath: z.string(),
        ttl: z.boolean().optional(),
        indexes: z.array(z.unknown()).optional(),
      }),
    )
    .optional(),
});

function readJson(file: string, what: string): unknown {
  if (!existsSync(file))
    throw new AppError('invalid-input', `${what} ${file} does not exist`, { issues: [{ path: '--config', message: `no file ${file}` }] });
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new AppError('invalid-input', `${what} ${file} is not valid JSON: ${(e as Error).message}`);
  }
}

/** Everything the upload carries that changes what runs: a change here redeploys the functions. */
function sourceDigest(): string {
  const files = ['package.json', 'package-lock.json', 'tsconfig.json', 'tsconfig.build.json', '.gcloudignore'].filter((f) =>
    existsSync(join(root, f)),
  );
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((e) => (statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : [join(dir, e)]));
  files.push(...walk(join(root, 'functions/src')).map((f) => relative(root, f)));
  const digest = createHash('sha256');
  for (const f of files.sort())
    digest
      .update(f)
      .update('\0')
      .update(readFileSync(join(root, f)))
      .update('\0');
  return digest.digest('hex');
}

export function planInput(config: DeployConfig, dryRun: boolean): PlanInput {
  return {
    config,
    sourceDigest: dryRun ? undefined : sourceDigest(),
    rulesSource: readFileSync(join(root, 'firestore.rules'), 'utf8'),
    indexes: parseOrThrow(
      indexesSchema,
      readJson(join(root, 'firestore.indexes.json'), 'the index file'),
      'firestore.indexes.json',
    ) as FirestoreIndexes,
  };
}

function afterwards(config: DeployConfig): string[] {
  return [
    '',
    'Done. Still by hand (once):',
    `- Share the reports spreadsheet (${config.reportsSpreadsheetId}) with ${serviceAccountEmail(config, 'jobs')} as an editor.`,
    `- Give the SMS gateway ${functionUrl(config, 'unsubscribe')}/sms-stop and /bounce with the secret from:`,
    `  gcloud secrets versions access latest --secret=sms-gateway-secret --project=${config.project}`,
    `- Point the add-on at ${functionUrl(config, 'api')} (docs/addon.md).`,
    `- Check: npm run deploy -- --config <this file> --verify (health of every function, a scheduler run, the sharing)`,
  ];
}

const program = new Command()
  .name('deploy')
  .description(
    'Deploy clientbase to Google Cloud (functions, secrets, service accounts, scheduler, Firestore rules, indexes, backups), ' +
      'or print the plan.',
  )
  .requiredOption('--config <file>', 'the installation settings (see docs/deploy.example.json)')
  .option('--dry-run', 'print every command in order and call nothing')
  .option('--verify', 'check the deployed installation works, say what is not right, change nothing')
  .action(async (opts: { config: string; dryRun?: boolean; verify?: boolean }) => {
    const config = parseOrThrow(deployConfigSchema, readJson(opts.config, 'the config file'), `deploy config in ${opts.config}`);
    const out = (line: string) => process.stdout.write(`${line}\n`);
    if (opts.dryRun) {
      const lines = opts.verify ? renderChecks(verifyChecks(config)) : renderPlan(planInput(config, true));
      for (const line of lines) out(line);
      return;
    }
    if (opts.verify) {
      out(`Verifying clientbase in ${config.project} (${config.region}); nothing is changed.`);
      const { problems } = await runVerify(config, { out });
      out(problems.length === 0 ? '\nEverything checked is right.' : `\n${problems.length} thing(s) not right; see above.`);
      process.exitCode = problems.length === 0 ? 0 : 1;
      return;
    }
    const input = planInput(config, false);
    out(`Deploying clientbase to ${config.project} (${config.region}); commands are shown as they run.`);
    const summary = await runDeploy(input, { out });
    out(
      `\n${summary.changes === 0 ? 'Everything was already right: nothing changed.' : `${summary.changes} change(s) made.`}` +
        ` (${summary.reads} reads)`,
    );
    for (const line of afterwards(config)) out(line);
  });

program.parseAsync(process.argv).catch((e: unknown) => {
  process.stderr.write(`${describeError(e)}\n`);
  process.exit(exitCodeFor(e));
});
