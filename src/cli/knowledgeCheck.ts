import { ConfigError, loadConfig } from '../config.js';
import { checkKnowledge, formatKnowledgeCheck } from '../knowledge/knowledgeCheck.js';

/**
 * `npm run knowledge:check [-- --json]`: reads KNOWLEDGE_DIR and PLAN_FILE the way the bot
 * does and reports what was indexed and what failed. Exit code 1 when anything failed, so
 * it can guard a deployment; 78 when the settings themselves are wrong.
 */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\n`);
    process.exit(78);
  }
  const check = await checkKnowledge(config.knowledgeDir, config.planFile);
  process.stdout.write(process.argv.includes('--json') ? `${JSON.stringify(check, null, 2)}\n` : formatKnowledgeCheck(check));
  process.exitCode = check.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`Kontrollen kunde inte köras: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
